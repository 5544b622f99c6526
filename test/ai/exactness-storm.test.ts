// The exactness storm of the AI gateway: 200 concurrent calls on one team, streamed and not, cached
// and uncached, 40 abandoned mid-stream by the caller, 20 failing before any output and 10 failing
// mid-stream. The team's spend must equal the cost computed independently from what the fake
// provider reported and what the callers received, to the micro-unit; no reservation stays open and
// the ledger invariant holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { countTextTokens } from "@/lib/ai/tokens";
import { startFakeAiProvider, type FakeAiProvider, type FakeAiRequest } from "../support/fake-ai-provider";
import { expectedCharge, referenceCost } from "../support/fake-ai/expected";
import { addAiModel, createAiFixture, openAiClient } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

type Kind = "plain" | "streamed" | "cached" | "counted" | "abandoned" | "failsBefore" | "failsMidStream";
const MIX: [Kind, number][] = [
  ["plain", 50],
  ["streamed", 40],
  ["cached", 20],
  ["counted", 20],
  ["abandoned", 40],
  ["failsBefore", 20],
  ["failsMidStream", 10],
];
const FEE = 50n;
const START = 500_000_000n;

describe("the AI exactness storm", () => {
  it("settles 200 concurrent calls to the micro-unit", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: START, fee: FEE });
    const models: Record<Kind, string> = {
      plain: fixture.model.publicId,
      streamed: fixture.model.publicId,
      cached: (await addAiModel(fixture, "fake-chat+cached:7")).publicId,
      counted: (await addAiModel(fixture, "fake-chat+omit-usage+chunk-size:3")).publicId,
      abandoned: (await addAiModel(fixture, "fake-chat+delay-ms:40")).publicId,
      failsBefore: (await addAiModel(fixture, "fake-chat+error-before:500")).publicId,
      failsMidStream: (await addAiModel(fixture, "fake-chat+error-mid-stream:4")).publicId,
    };
    const { client } = openAiClient(fixture.key);
    const calls = MIX.flatMap(([kind, count]) => Array.from({ length: count }, () => kind)).map((kind, i) => ({
      kind,
      marker: `storm call ${i} ${kind}`,
    }));

    const received = await Promise.all(
      calls.map(async ({ kind, marker }) => {
        const request = { model: models[kind], messages: [{ role: "user" as const, content: `${marker} with some words to echo back` }] };
        if (kind === "plain" || kind === "cached" || kind === "failsBefore") {
          const answer = await client.chat.completions.create(request, { maxRetries: 0 }).catch(() => null);
          return answer?.choices[0]?.message.content ?? "";
        }
        const controller = new AbortController();
        const stream = await client.chat.completions.create({ ...request, stream: true }, { signal: controller.signal, maxRetries: 0 });
        let text = "";
        let chunks = 0;
        try {
          for await (const chunk of stream) {
            text += chunk.choices[0]?.delta?.content ?? "";
            if (kind === "abandoned" && ++chunks === 3) controller.abort();
          }
        } catch {
          // abandoned by us, or broken off by the provider: what arrived is what counts
        }
        return text;
      }),
    );
    await flushUsage();

    // Independently: each call's cost from the fake's own report, or for abandoned calls from the
    // input the fake counted and the text the caller actually received.
    const byMarker = new Map<string, FakeAiRequest>();
    for (const record of fake.requests) {
      const content = (record.json as { messages?: { content?: string }[] } | null)?.messages?.[0]?.content;
      if (content) byMarker.set(content.split(" with ")[0]!, record);
    }
    let expected = 0n;
    calls.forEach(({ kind, marker }, i) => {
      const record = byMarker.get(marker);
      expect(record, marker).toBeDefined();
      if (kind === "abandoned") {
        const usage = { inputTokens: record!.planned!.inputTokens, cachedInputTokens: 0, outputTokens: countTextTokens(received[i]!) };
        expected += received[i] === "" ? 0n : referenceCost(usage, fixture.prices, FEE);
      } else {
        expected += expectedCharge(record!, fixture.prices, kind === "failsBefore" ? 0n : FEE);
      }
    });

    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(START - balance).toBe(expected);
    expect(await db.callSettlement.count({ where: { teamId: fixture.team.id } })).toBe(200);
    expect(await db.openCall.count({ where: { teamId: fixture.team.id } })).toBe(0);
    const sources = await db.usageEvent.groupBy({ by: ["usageSource"], where: { teamId: fixture.team.id }, _count: true });
    const count = (source: string) => sources.find((row) => row.usageSource === source)?._count ?? 0;
    expect(count("PARTIAL")).toBeGreaterThanOrEqual(10);
    expect(count("PROVIDER")).toBe(110);
  }, 90_000);
});
