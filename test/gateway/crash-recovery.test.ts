// A gateway process killed with SIGKILL in the middle of a storm: its callers got connection resets,
// so under the default charge policy they must not pay. Any other instance reconciles the calls the
// dead process left open: every charge ends up with its usage event, every unanswered call refunded,
// and the ledger invariant holds.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reconcileLostCalls } from "@/lib/gateway/reconcile-lost-calls";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

function startInstance(): Promise<{ child: ChildProcess; port: number; instanceId: string }> {
  const child = fork(path.join(import.meta.dirname, "../support/gateway-instance.ts"), {
    execArgv: ["--import", "tsx"],
    env: process.env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (message: { port: number; instanceId: string }) => resolve({ child, ...message }));
    child.once("exit", (code) => reject(new Error(`the gateway instance exited with ${code} before listening`)));
  });
}

/** Until the team has `count` charges in its ledger (polled: another process writes them). */
async function chargesWritten(teamId: string, count: number, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while ((await db.creditLedgerEntry.count({ where: { teamId, kind: "USAGE" } })) < count) {
    if (Date.now() - started > timeoutMs) throw new Error(`fewer than ${count} charges were written within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("a gateway process killed mid-storm", () => {
  it("leaves no unanswered call charged and no charge without its usage event", async () => {
    const CALLS = 100;
    const PRICE = 2_000n;
    const START = 1_000_000n;
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const { child, port, instanceId } = await startInstance();

    // A few calls answered before the crash (their usage batch may or may not have been written),
    // then 100 in flight to an upstream that holds them.
    const call = (route: string) =>
      fetch(`http://127.0.0.1:${port}/api/gateway/${slug}${route}`, { headers: { authorization: `Bearer ${key}` } }).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        (error: Error) => ({ status: 0, body: error.message }),
      );
    const answered = await Promise.all(Array.from({ length: 5 }, () => call("/echo")));
    expect(answered.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const alreadyAtUpstream = upstream.requests.length;
    const inFlight = Array.from({ length: CALLS }, () => call("/slow?ms=20000"));
    await upstream.waitForRequests(alreadyAtUpstream + CALLS);
    // A storm this busy is charged from a credit lease, whose ledger rows land a few milliseconds
    // behind the calls: kill once they are in, so every killed call was charged (a call killed before
    // its row landed was never charged, and leaves nothing to reconcile).
    await chargesWritten(team.id, CALLS + 5);
    child.kill("SIGKILL");
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.every((outcome) => outcome.status === 0)).toBe(true); // connection reset: no answer

    // Before reconciling: charged, no usage events for the killed calls.
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE" } })).toBe(CALLS + 5);
    expect(await db.openCall.count({ where: { instanceId } })).toBeGreaterThanOrEqual(CALLS);

    // The dead instance's heartbeat is stale at once for this test (30 s in production).
    const closed = await reconcileLostCalls({ staleAfterMs: 0 });
    expect(closed).toBeGreaterThanOrEqual(CALLS);
    expect(await db.openCall.count({ where: { instanceId } })).toBe(0);

    // Every charge has its usage event; the killed calls are refunded and recorded as lost.
    const charges = await db.creditLedgerEntry.findMany({ where: { teamId: team.id, kind: "USAGE" }, select: { requestId: true } });
    const events = await db.usageEvent.findMany({ where: { teamId: team.id } });
    expect(new Set(events.map((event) => event.requestId))).toEqual(new Set(charges.map((charge) => charge.requestId)));
    const lost = events.filter((event) => event.errorCode === "instance_lost");
    expect(lost.length).toBeGreaterThanOrEqual(CALLS);
    expect(lost.every((event) => event.status === 502 && event.refunded === PRICE && event.charged === PRICE)).toBe(true);
    const refunds = await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE_REFUND", reason: "instance_lost" } });
    expect(refunds).toBe(lost.length);

    // Only answered calls whose usage was written before the kill stay charged.
    const balance = await expectLedgerInvariant(team.id);
    expect(balance).toBe(START - PRICE * BigInt(CALLS + 5 - lost.length));
    expect(lost.length).toBeLessThanOrEqual(CALLS + 5);

    // A second pass, as another instance would run it, finds nothing and changes nothing.
    expect(await reconcileLostCalls({ staleAfterMs: 0 })).toBe(0);
    expect(await expectLedgerInvariant(team.id)).toBe(balance);
  }, 60_000);

  it("never takes over the calls of an instance that is alive", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 100_000n, price: 1_000n });
    const { child, port } = await startInstance();
    try {
      const before = upstream.requests.length;
      const slow = fetch(`http://127.0.0.1:${port}/api/gateway/${slug}/slow?ms=1500`, { headers: { authorization: `Bearer ${key}` } });
      await upstream.waitForRequests(before + 1);
      expect(await reconcileLostCalls()).toBe(0); // heartbeat fresh: the call is only slow
      expect((await slow).status).toBe(200);
      expect(await expectLedgerInvariant(team.id)).toBe(99_000n);
    } finally {
      child.kill("SIGKILL");
    }
  }, 30_000);
});

describe("an AI gateway process killed mid-stream", () => {
  it("leaves no reservation open: another instance refunds it in full and records the call", async () => {
    const { startFakeAiProvider } = await import("../support/fake-ai-provider");
    const { createAiFixture } = await import("../support/ai-factories");
    const fake = await startFakeAiProvider();
    try {
      const START = 10_000_000n;
      const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, providerModel: "fake-chat+delay-ms:200", balance: START });
      const { child, port, instanceId } = await startInstance();
      const STREAMS = 10;
      const streams = Array.from({ length: STREAMS }, (_, i) =>
        fetch(`http://127.0.0.1:${port}/api/ai/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
          body: JSON.stringify({
            model: fixture.model.publicId,
            stream: true,
            messages: [{ role: "user", content: `stream ${i} words words words` }],
          }),
        }).then(
          (response) => response.body!.getReader().read(), // the first bytes have arrived: the call is mid-stream
          (error: Error) => error,
        ),
      );
      await Promise.all(streams);
      expect(await db.openCall.count({ where: { instanceId } })).toBe(STREAMS);
      child.kill("SIGKILL");
      expect(await db.creditLedgerEntry.count({ where: { teamId: fixture.team.id, kind: "USAGE" } })).toBe(STREAMS);

      expect(await reconcileLostCalls({ staleAfterMs: 0 })).toBeGreaterThanOrEqual(STREAMS); // with leftovers of earlier tests
      expect(await db.openCall.count({ where: { instanceId } })).toBe(0);
      const settlements = await db.callSettlement.findMany({ where: { teamId: fixture.team.id } });
      expect(settlements).toHaveLength(STREAMS);
      expect(settlements.every((row) => row.outcome === "REFUNDED")).toBe(true);
      const events = await db.usageEvent.findMany({ where: { teamId: fixture.team.id } });
      expect(events).toHaveLength(STREAMS);
      expect(events.every((event) => event.errorCode === "instance_lost" && event.charged === event.refunded)).toBe(true);
      expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
