// The AI exactness storm across two app processes sharing one database, as two `npm start` instances
// behind a load balancer would run it: the same 200 calls on one team (streamed and not, cached and
// uncached, 40 abandoned mid-stream, 20 failing before output, 10 failing mid-stream) split between
// them over real sockets with the official OpenAI SDK. Both processes reserve and settle against the
// team's one balance; the spend must equal the independently computed cost to the micro-unit, no
// reservation may stay open, and the ledger invariant must hold.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AI_PATH_PREFIX } from "@/lib/ai/gateway/handle-ai-request";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture } from "../support/ai-factories";
import { expectedStormCost, makeStormCall, PROVIDER_REPORTED, stormCalls, stormModels } from "../support/ai-storm";
import { expectLedgerInvariant } from "../support/ledger";
import { startAppProcess, stopAppProcess, type AppProcess } from "../support/app-processes";

const FEE = 50n;
const START = 500_000_000n;
/**
 * The drain's grace on SIGTERM. Every call has settled by then; what is left are connections the SDK
 * opened and never used, which node:http does not count as idle and would hold for the full 25 s.
 */
const SHUTDOWN_GRACE_MS = 1_000;
/** Time for both processes to hear that the last abandoning callers left and to settle those calls. */
const SETTLE_DEADLINE_MS = 30_000;

type Instance = AppProcess;

let fake: FakeAiProvider;
const instances: Instance[] = [];
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(async () => {
  for (const { child } of instances) if (child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
});

function startAppInstance(): Promise<Instance> {
  return startAppProcess({ graceMs: SHUTDOWN_GRACE_MS });
}

/** Polls a count the processes are driving towards `target` (the settles of abandoned streams run after their callers left). */
async function countReaches(count: () => Promise<number>, target: number): Promise<number> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  let value = await count();
  while (value < target && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await count();
  }
  return value;
}

describe("the AI exactness storm across two app processes", () => {
  it("settles 200 concurrent calls split between two processes to the micro-unit, with no reservation left open", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: START, fee: FEE });
    const models = await stormModels(fixture, "stall-after:3");
    instances.push(...(await Promise.all([startAppInstance(), startAppInstance()])));
    expect(instances[0]!.instanceId).not.toBe(instances[1]!.instanceId);
    const clients = instances.map(
      ({ port }) => new OpenAI({ apiKey: fixture.key, baseURL: `http://127.0.0.1:${port}${AI_PATH_PREFIX}`, maxRetries: 0 }),
    );
    const calls = stormCalls();

    // Every kind of call goes to both processes: alternate within each kind's run.
    const received = await Promise.all(calls.map((call, i) => makeStormCall(clients[i % 2]!, models, call)));
    const teamId = fixture.team.id;
    expect(await countReaches(() => db.callSettlement.count({ where: { teamId } }), 200)).toBe(200);
    expect(await Promise.all(instances.map(stopAppProcess))).toEqual([0, 0]);

    const expected = expectedStormCost(fake, calls, received, fixture, FEE);
    const balance = await expectLedgerInvariant(teamId);
    expect(START - balance).toBe(expected);
    expect(await db.callSettlement.count({ where: { teamId } })).toBe(200);
    expect(await db.openCall.count({ where: { teamId } })).toBe(0);
    // Each call has one usage event (both processes wrote their batches), with its provenance.
    const sources = await db.usageEvent.groupBy({ by: ["usageSource"], where: { teamId }, _count: true });
    const count = (source: string) => sources.find((row) => row.usageSource === source)?._count ?? 0;
    expect(sources.reduce((sum, row) => sum + row._count, 0)).toBe(200);
    expect(count("PROVIDER")).toBe(PROVIDER_REPORTED);
    expect(count("PARTIAL")).toBeGreaterThanOrEqual(10);
    // One charge row per call at most, and one for every call that cost something. A call that
    // ended at no cost while its reservation still waited in its lease has none: the lease wrote its
    // exact cost, zero (how many do depends on timing, so the count is not fixed).
    const usageRows = await db.creditLedgerEntry.groupBy({ by: ["requestId"], where: { teamId, kind: "USAGE" }, _count: true });
    expect(usageRows.every((row) => row._count === 1)).toBe(true);
    const paid = await db.$queryRaw<{ requestId: string }[]>`
      SELECT "requestId" FROM usage_events WHERE "teamId" = ${teamId} AND charged > refunded`;
    const charged = new Set(usageRows.map((row) => row.requestId));
    expect(paid.length).toBeGreaterThan(100);
    expect(paid.filter((event) => !charged.has(event.requestId))).toEqual([]);
    // Both processes answered their half: text delivered by each.
    for (const served of [0, 1]) expect(received.filter((text, i) => i % 2 === served && text !== "").length).toBeGreaterThan(50);
  }, 120_000);
});
