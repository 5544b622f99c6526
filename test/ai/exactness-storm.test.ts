// The exactness storm of the AI gateway: 200 concurrent calls on one team, streamed and not, cached
// and uncached, 40 abandoned mid-stream by the caller, 20 failing before any output and 10 failing
// mid-stream. The team's spend must equal the cost computed independently from what the fake
// provider reported and what the callers received, to the micro-unit; no reservation stays open and
// the ledger invariant holds. (exactness-storm-two-processes.test.ts runs it across two app processes.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture, openAiClient } from "../support/ai-factories";
import { expectedStormCost, makeStormCall, PROVIDER_REPORTED, stormCalls, stormModels } from "../support/ai-storm";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const FEE = 50n;
const START = 500_000_000n;

describe("the AI exactness storm", () => {
  it("settles 200 concurrent calls to the micro-unit", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: START, fee: FEE });
    const models = await stormModels(fixture);
    const { client } = openAiClient(fixture.key);
    const calls = stormCalls();

    const received = await Promise.all(calls.map((call) => makeStormCall(client, models, call)));
    await flushUsage();

    const expected = expectedStormCost(fake, calls, received, fixture, FEE);
    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(START - balance).toBe(expected);
    expect(await db.callSettlement.count({ where: { teamId: fixture.team.id } })).toBe(200);
    expect(await db.openCall.count({ where: { teamId: fixture.team.id } })).toBe(0);
    const sources = await db.usageEvent.groupBy({ by: ["usageSource"], where: { teamId: fixture.team.id }, _count: true });
    const count = (source: string) => sources.find((row) => row.usageSource === source)?._count ?? 0;
    expect(count("PARTIAL")).toBeGreaterThanOrEqual(10);
    expect(count("PROVIDER")).toBe(PROVIDER_REPORTED);
  }, 90_000);
});
