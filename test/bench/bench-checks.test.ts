// The bench's own arithmetic and money checks (bench/rounds.ts, bench/ledger-check.ts): a wrong
// median or a check that cannot fail would make `npm run bench` report figures nobody can trust.
// The ledger checks run on a database of their own, where credit_leases can be dropped to show the
// check on a database from before the leases migration.
import { describe, expect, it } from "vitest";
import { medianRun, rateRatio } from "@/bench/rounds";
import { newTally, type RunSummary } from "@/bench/load";
import {
  answerProblems,
  chargeProblems,
  invariantViolations,
  leasesExist,
  leasesTaken,
  ledgerCredit,
  openLeases,
} from "@/bench/ledger-check";
import { withFreshDatabase } from "../support/fresh-database";
import type { PrismaClient } from "@/lib/db";

const run = (requestsPerSecond: number): RunSummary => ({
  completed: 100,
  ok: 100,
  non2xx: 0,
  errors: 0,
  seconds: 1,
  requestsPerSecond,
  p50Ms: 1,
  p99Ms: 2,
  statusCodes: { "200": 100 },
});

describe("alternating rounds", () => {
  it("takes the middle round by rate, and the slower middle one of an even number", () => {
    expect(medianRun([run(900), run(1200), run(1000)]).requestsPerSecond).toBe(1000);
    expect(medianRun([run(900), run(1200), run(1000), run(1100)]).requestsPerSecond).toBe(1000);
    expect(medianRun([run(700)]).requestsPerSecond).toBe(700);
    expect(() => medianRun([])).toThrow(/no runs/);
  });

  it("gives the ratio of two rates to three decimals", () => {
    expect(rateRatio(run(2387), run(3410))).toBe(0.7);
    expect(rateRatio(run(1000), run(3000))).toBe(0.333);
  });
});

describe("the answer and charge checks", () => {
  it("passes an exact charge of 2xx answers only, and names every other outcome", () => {
    const tally = { ...newTally(), ok: 1500 };
    expect(chargeProblems("gateway", { charged: 1_500_000n, price: 1_000n, tally })).toEqual([]);
    expect(chargeProblems("gateway", { charged: 1_501_000n, price: 1_000n, tally })).toEqual([
      "gateway: charged 1501000 micro-units, expected 1500 2xx × 1000 = 1500000",
    ]);
    const refused = { ...tally, non2xx: 2, errors: 1, statusCodes: { "200": 1500, "402": 2 } };
    expect(chargeProblems("gateway", { charged: 1_500_000n, price: 1_000n, tally: refused })).toEqual([
      'gateway: 2 non-2xx answers {"200":1500,"402":2}',
      "gateway: 1 connection errors",
    ]);
    expect(answerProblems("bare proxy", run(5000))).toEqual([]);
  });
});

async function teamWithGrant(client: PrismaClient, slug: string, amount: bigint): Promise<string> {
  const team = await client.team.create({
    data: { slug, name: slug, balance: amount, ledgerEntries: { create: { kind: "GRANT", amount, balanceAfter: amount } } },
  });
  return team.id;
}

const openLease = (client: PrismaClient, teamId: string, remaining: bigint) =>
  client.$executeRawUnsafe(
    `INSERT INTO credit_leases (id, "teamId", "instanceId", granted, remaining, "expiresAt")
     VALUES (gen_random_uuid()::text, $1, 'bench-test', $2, $2, now() + interval '1 minute')`,
    teamId,
    remaining,
  );

describe("the ledger invariant as the bench reads it", () => {
  it("holds for balances that match their ledger and leases counted in teams.leased, and names the teams that do not", async () => {
    await withFreshDatabase(async (client) => {
      expect(await leasesExist(client)).toBe(true);
      const a = await teamWithGrant(client, "bench-a", 5_000n);
      const b = await teamWithGrant(client, "bench-b", 7_000n);
      expect(await invariantViolations(undefined, client)).toEqual([]);
      expect(await ledgerCredit([a, b], client)).toBe(12_000n);

      // A lease holds a part of the balance: counted in teams.leased, the balance unchanged.
      await openLease(client, a, 2_000n);
      await client.team.update({ where: { id: a }, data: { leased: 2_000n } });
      expect(await invariantViolations([a], client)).toEqual([]);
      expect(await openLeases(client)).toBe(1);
      expect(await leasesTaken([a, b], client)).toBe(1);

      // A debit without its ledger row, and leased credit that no open lease holds.
      await client.team.update({ where: { id: b }, data: { balance: 6_000n, leased: 1_000n } });
      expect(await invariantViolations(undefined, client)).toEqual([
        { teamId: b, balance: 6_000n, ledger: 7_000n, leased: 1_000n, openLeasesRemaining: 0n },
      ]);
      expect(await invariantViolations([a], client)).toEqual([]);
    });
  });

  it("checks the balance alone on a database from before credit leases", async () => {
    await withFreshDatabase(async (client) => {
      await client.$executeRawUnsafe("DROP TABLE credit_leases");
      expect(await leasesExist(client)).toBe(false);
      expect(await openLeases(client)).toBe(0);
      const a = await teamWithGrant(client, "bench-a", 5_000n);
      expect(await leasesTaken([a], client)).toBe(0);
      expect(await invariantViolations([a], client)).toEqual([]);
      await client.team.update({ where: { id: a }, data: { balance: 4_000n } });
      expect(await invariantViolations([a], client)).toEqual([
        { teamId: a, balance: 4_000n, ledger: 5_000n, leased: 0n, openLeasesRemaining: 0n },
      ]);
    });
  });
});
