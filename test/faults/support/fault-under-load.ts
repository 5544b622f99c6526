// One database fault under gateway load, and the checks every such fault must pass: a funded team
// calls a metered API with six callers; the fault runs once 30 calls were answered and returns when
// the database is back; 30 more answered calls show the recovery. Then: every call was answered
// (200) or refused with 503 service_unavailable problem+json and Retry-After within `refusalBoundMs`,
// and the books balance (check-books.ts).
import { expect } from "vitest";
import { createGatewayFixture } from "../../support/gateway-factories";
import type { Upstream } from "../../support/upstream-server";
import { expectBooksBalanced } from "./check-books";
import { startLoad, type Load } from "./gateway-load";
import { waitFor } from "./wait-for";

const PRICE = 1_000n;

type FaultRun = {
  upstream: Upstream;
  refusalBoundMs: number;
  /** causes the fault; resolves once the database is back */
  fault: (load: Load, team: { id: string; slug: string }) => Promise<void>;
};

export async function faultUnderLoad({ upstream, refusalBoundMs, fault }: FaultRun): Promise<string> {
  const { team, slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000_000n, price: PRICE });
  const load = startLoad(slug, key, 6);
  let backAt = 0;
  try {
    await waitFor(() => load.count(200) >= 30, { timeoutMs: 10_000, what: "30 answered calls before the fault" });
    await fault(load, team);
    backAt = performance.now();
    await waitFor(() => load.count(200, backAt) >= 30, { timeoutMs: 15_000, what: "30 answered calls after the fault" });
  } finally {
    await load.stop();
  }
  const { outcomes } = load;
  const refused = outcomes.filter((outcome) => outcome.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  expect(new Set(outcomes.map((outcome) => outcome.status))).toEqual(new Set([200, 503]));
  for (const outcome of refused) {
    expect(outcome).toMatchObject({ code: "service_unavailable", contentType: "application/problem+json", retryAfter: "5" });
    expect(outcome.ms).toBeLessThan(refusalBoundMs);
  }
  const books = await expectBooksBalanced(team.id, PRICE, outcomes, upstream.requests);

  const slowest = Math.max(...refused.map((outcome) => outcome.ms));
  const firstAnswer = Math.min(...outcomes.filter((o) => o.status === 200 && o.at >= backAt).map((o) => o.at + o.ms));
  return (
    `${outcomes.length} calls, ${refused.length} refused (slowest ${Math.round(slowest)} ms, bound ${refusalBoundMs} ms), ` +
    `${books.forwarded} forwarded, ${books.refundedAfterOutage} charges refunded afterwards, first answer ${Math.round(firstAnswer - backAt)} ms after the database was back`
  );
}
