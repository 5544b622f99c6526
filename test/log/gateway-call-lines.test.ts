// Real gateway calls with the logger writing to a captured stream: every line a call writes carries
// its request id (and only its own, with calls running side by side), the key and the upstream
// credential never appear, and an answered call writes nothing at info (its record is the usage event).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl, startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { captureLogs, LEVEL, type LogCapture } from "../support/log-capture";
import { expectLedgerInvariant, ledgerInvariant } from "../support/ledger";
import { waitFor } from "../faults/support/wait-for";

const credential = { header: "x-upstream-key", value: "upstream-credential-never-logged" };
const START = 1_000_000n;
let upstream: Upstream;
let logs: LogCapture;

beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());
afterEach(() => logs?.stop());

/** Every line with a request id, grouped by it. */
function linesByRequest(): Map<string, { msg?: string; module?: string; level: number }[]> {
  const byId = new Map<string, { msg?: string; module?: string; level: number }[]>();
  for (const line of logs.lines().filter((line) => line.requestId !== undefined)) {
    byId.set(line.requestId!, [...(byId.get(line.requestId!) ?? []), line]);
  }
  return byId;
}

describe("a gateway call's log lines", () => {
  it("all carry the call's request id, side by side with other calls, and no secret", async () => {
    const refused = await createGatewayFixture({ upstreamUrl: await closedPortUrl(), credential, balance: START });
    const broken = await createGatewayFixture({ upstreamUrl: upstream.url, credential, balance: START });
    logs = captureLogs("trace");

    const [unavailable, interrupted] = await Promise.all([
      callGateway(refused.slug, "/echo", { key: refused.key }),
      callGateway(broken.slug, "/chunks?count=2&intervalMs=20&then=reset", { key: broken.key }),
    ]);
    expect(unavailable.status).toBe(502);
    const unavailableId = ((await unavailable.json()) as { requestId: string }).requestId;
    expect(interrupted.status).toBe(200); // the head went out; the body breaks off
    const interruptedId = interrupted.headers.get("x-request-id")!;
    await expect(interrupted.text()).rejects.toThrow();
    await waitFor(() => linesByRequest().has(interruptedId), { timeoutMs: 5_000, what: "the interrupted call's line" });
    // Neither call got a whole answer: both charges come back (the broken body's after the response).
    await waitFor(async () => (await ledgerInvariant(broken.team.id)).balance === START, { timeoutMs: 5_000, what: "the refund" });
    for (const team of [refused.team, broken.team]) expect(await expectLedgerInvariant(team.id)).toBe(START);
    logs.stop();

    // Every line about these calls names one of them, and each call's lines only its own.
    const byId = linesByRequest();
    expect(byId.get(unavailableId)).toEqual([
      expect.objectContaining({
        module: "gateway",
        level: LEVEL.warn,
        msg: "the upstream gave no answer",
        failure: "unavailable",
        api: refused.slug,
      }),
    ]);
    expect(byId.get(interruptedId)).toEqual([
      expect.objectContaining({ module: "gateway", level: LEVEL.warn, msg: "upstream broke off the body", api: broken.slug }),
    ]);
    const gatewayLines = logs.lines().filter((line) => line.module === "gateway");
    expect(gatewayLines.every((line) => line.requestId === unavailableId || line.requestId === interruptedId)).toBe(true);
    for (const secret of [refused.key, broken.key, credential.value]) expect(logs.text()).not.toContain(secret);
  });

  it("writes nothing for an answered call, even at trace", async () => {
    const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, credential, balance: START });
    logs = captureLogs("trace");
    const responses = await Promise.all(Array.from({ length: 5 }, () => callGateway(fixture.slug, "/echo", { key: fixture.key })));
    for (const response of responses) expect(response.status).toBe(200);
    await Promise.all(responses.map((response) => response.text()));
    logs.stop();
    expect(logs.lines().filter((line) => line.module === "gateway")).toEqual([]);
    await expectLedgerInvariant(fixture.team.id);
  });
});
