// Credit leases across two app processes on one database (issue 16, point 6): a team funded for N
// calls takes a storm of 10×N calls split between two `npm start`-like processes, each debiting from
// its own lease. Exactly N are served and the rest get 402; after both stop (SIGTERM returns their
// leases) no lease is open and the ledger invariants hold. Then the bound on a "false 402": credit
// that an idle instance holds in its lease is spendable on the other one within the documented time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_LEASE_SETTINGS } from "@/lib/billing/ledger/leases/credit-leases";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { startAppProcess, stopAppProcess, type AppProcess } from "../support/app-processes";

const PRICE = 1_000n;
const SHUTDOWN_GRACE_MS = 1_000;

type Instance = AppProcess;

let upstream: Upstream;
const instances: Instance[] = [];
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(async () => {
  for (const { child } of instances) if (child.exitCode === null) child.kill("SIGKILL");
  await upstream.close();
});

function startAppInstance(env: Record<string, string> = {}): Promise<Instance> {
  return startAppProcess({ graceMs: SHUTDOWN_GRACE_MS, env: { CREDIT_LEASES: "on", ...env } });
}

async function callOn(instance: Instance, slug: string, key: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${instance.port}/api/gateway/${slug}/echo`, {
    headers: { authorization: `Bearer ${key}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/** `total` calls, `concurrency` at a time per instance, alternating between the instances. */
async function storm(slug: string, key: string, total: number, concurrency: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async (instance: Instance) => {
    while (next < total) {
      next += 1;
      statuses.push(await callOn(instance, slug, key));
    }
  };
  await Promise.all(instances.flatMap((instance) => Array.from({ length: concurrency }, () => worker(instance))));
  return statuses;
}

describe("credit leases across two app processes", () => {
  it("serves exactly N of 10×N calls on credit for N, with no lease left open after both stop", async () => {
    const N = 200;
    const { team, slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: BigInt(N) * PRICE, price: PRICE });
    instances.push(...(await Promise.all([startAppInstance(), startAppInstance()])));

    const statuses = await storm(slug, key, 10 * N, 24);
    expect(statuses.filter((status) => status === 200)).toHaveLength(N);
    expect(statuses.filter((status) => status === 402)).toHaveLength(9 * N);

    const codes = await Promise.all(instances.splice(0).map(stopAppProcess));
    expect(codes).toEqual([0, 0]);
    // Both processes took leases from the one team.
    const leases = await db.creditLease.findMany({ where: { teamId: team.id } });
    expect(new Set(leases.map((lease) => lease.instanceId)).size).toBe(2);
    expect(leases.filter((lease) => lease.closedAt === null)).toHaveLength(0);
    for (const lease of leases) expect(lease.granted).toBe(lease.charged + lease.returned);
    expect(await expectLedgerInvariant(team.id)).toBe(0n);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE" } })).toBe(N);
    expect(await db.openCall.count({ where: { teamId: team.id } })).toBe(0);
    expect(upstream.requests.filter((request) => request.url.endsWith(`/echo`))).toHaveLength(N);
  }, 90_000);

  it("makes credit held by an idle instance's lease spendable on the other within the documented bound", async () => {
    const N = 400;
    const IDLE_MS = 3_000;
    const { team, slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: BigInt(N) * PRICE, price: PRICE });
    // A keeps an idle lease for 3 s, long enough for B to spend everything else first.
    const [a, b] = await Promise.all([startAppInstance({ CREDIT_LEASE_IDLE_MS: String(IDLE_MS) }), startAppInstance()]);
    instances.push(a!, b!);

    // A burst on A: busy, it takes a lease of the team's credit and holds some of it when the burst ends.
    const burst = await Promise.all(Array.from({ length: 60 }, () => callOn(a!, slug, key)));
    expect(burst.every((status) => status === 200)).toBe(true);
    // A top-up the burst started may still be on its way (a loaded machine): A holds credit once it lands.
    const heldByA = () => db.creditLease.findFirst({ where: { teamId: team.id, closedAt: null, remaining: { gt: 0n } } });
    await expect.poll(heldByA, { timeout: 5_000 }).not.toBeNull();
    const held = await heldByA();

    // B spends everything else, until its first 402 while A (now idle) still holds credit.
    let served = 60;
    let refusedAt = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (!refusedAt) {
          const status = await callOn(b!, slug, key);
          if (status === 200) served += 1;
          else {
            expect(status).toBe(402);
            refusedAt ||= Date.now();
          }
        }
      }),
    );
    expect(served).toBeLessThan(N);
    expect(await db.creditLease.count({ where: { teamId: team.id, closedAt: null, instanceId: { not: held!.instanceId } } })).toBe(0);
    // Retrying B: A gives its idle lease back and B serves the rest.
    let waitedMs = 0;
    while (served < N) {
      const status = await callOn(b!, slug, key);
      if (status === 200) {
        served += 1;
        if (!waitedMs) waitedMs = Date.now() - refusedAt;
      } else await new Promise((resolve) => setTimeout(resolve, 20));
      if (Date.now() - refusedAt > 20_000) break;
    }
    expect(served).toBe(N);
    // The bound of README "Credit leases": the holder's idle time plus one housekeeping tick, plus a statement.
    const boundMs = IDLE_MS + DEFAULT_LEASE_SETTINGS.tickMs + 1_000;
    expect(waitedMs).toBeGreaterThan(0);
    expect(waitedMs).toBeLessThan(boundMs);
    expect(await callOn(b!, slug, key)).toBe(402);

    expect(await Promise.all(instances.splice(0).map(stopAppProcess))).toEqual([0, 0]);
    expect(await db.creditLease.count({ where: { teamId: team.id, closedAt: null } })).toBe(0);
    expect(await expectLedgerInvariant(team.id)).toBe(0n);
  }, 90_000);
});
