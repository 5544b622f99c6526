// Credit leases in one process (lib/billing/ledger/leases): a busy team's calls are debited in memory
// from a slice of its credit and written in batches right behind, and every money rule still holds:
// exactly the calls the team paid for, a close (refund, settle) after its charge, the lease given back
// when idle, on low balance and on shutdown, and an expired lease of a dead instance reclaimed.
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, pgPool } from "@/lib/db";
import { chargeCall } from "@/lib/billing/ledger/charge-call";
import { refundCall, settleCall } from "@/lib/billing/ledger/close-call";
import {
  DEFAULT_LEASE_SETTINGS,
  configureCreditLeases,
  flushLeaseCharges,
  returnAllLeases,
  type LeaseSettings,
} from "@/lib/billing/ledger/leases/credit-leases";
import { reclaimExpiredLeases, takeLease, writeLeaseCharges } from "@/lib/billing/ledger/leases/lease-statements";
import { createGatewayFixture } from "../../support/gateway-factories";
import { expectLedgerInvariant, leasedCalls } from "../../support/ledger";

const PRICE = 1_000n;

beforeAll(() => configureCreditLeases({ enabled: true, minCallsPerSecond: 5, idleMs: 300, tickMs: 50 }));
afterEach(() => returnAllLeases("test ended"));
afterAll(() => configureCreditLeases(DEFAULT_LEASE_SETTINGS));

async function newTeam(balance: bigint) {
  const { team, api, keyRow } = await createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9", balance, price: 0n });
  const charge = (price = PRICE, requestId = `req_${crypto.randomBytes(8).toString("hex")}`, settlesLater = false) =>
    chargeCall({
      teamId: team.id,
      apiId: api.id,
      keyId: keyRow.id,
      apiKeyId: keyRow.id,
      requestId,
      price,
      capped: false,
      instanceId: "inst_lease_test",
      method: "GET",
      path: "/ping",
      settlesLater,
    }).then((outcome) => ({ requestId, outcome }));
  const reserve = () => charge(PRICE, `req_${crypto.randomBytes(8).toString("hex")}`, true);
  const close = { teamId: team.id, apiId: api.id, keyId: keyRow.id };
  return { teamId: team.id, charge, reserve, close };
}

const openLeases = (teamId: string) => db.creditLease.findMany({ where: { teamId, closedAt: null } });
const usageRows = (teamId: string) => db.creditLedgerEntry.count({ where: { teamId, kind: "USAGE" } });

/** The calls of `results` whose ledger rows are not written yet (they linger in the lease). */
async function lingeringCalls(teamId: string, results: { requestId: string }[]): Promise<string[]> {
  const rows = await db.creditLedgerEntry.findMany({ where: { teamId, kind: "USAGE" }, select: { requestId: true } });
  const written = new Set(rows.map((entry) => entry.requestId));
  return results.map(({ requestId }) => requestId).filter((requestId) => !written.has(requestId));
}

/** Runs `work` with some lease settings changed, and puts the defaults back after it. */
async function withLeaseSettings(settings: Partial<LeaseSettings>, work: () => Promise<void>): Promise<void> {
  configureCreditLeases(settings);
  try {
    await work();
  } finally {
    configureCreditLeases(
      Object.fromEntries(Object.keys(settings).map((name) => [name, DEFAULT_LEASE_SETTINGS[name as keyof LeaseSettings]])),
    );
  }
}

/** `count` calls in waves of ten, so the lease grows between them (a lease starts at 8 calls). */
async function inWaves<T>(count: number, call: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  while (results.length < count) results.push(...(await Promise.all(Array.from({ length: 10 }, call))));
  return results;
}

/** Polls until `check` holds (the lease's housekeeping runs on its own tick). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("the condition did not hold in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe("credit leases in one process", () => {
  it("charges a busy team's calls from a lease, and writes every call's ledger row and open call behind them", async () => {
    const { teamId, charge } = await newTeam(10_000n * PRICE);
    const results = await Promise.all(Array.from({ length: 400 }, () => charge()));
    expect(results.every(({ outcome }) => outcome.ok)).toBe(true);

    const leases = await db.creditLease.findMany({ where: { teamId } });
    expect(leases.length).toBeGreaterThan(0);
    // The database agrees with the lease at every commit, pending calls or not.
    await expectLedgerInvariant(teamId);

    await flushLeaseCharges();
    expect(await usageRows(teamId)).toBe(400);
    expect(await db.openCall.count({ where: { teamId } })).toBe(400);
    // Read in one statement: an idle return of the lease may come at any moment now.
    expect(await expectLedgerInvariant(teamId)).toBe(10_000n * PRICE - 400n * PRICE);
    // Far fewer statements than calls: the rows of one batch share their transaction's start time.
    const entries = await db.creditLedgerEntry.findMany({ where: { teamId, kind: "USAGE" }, select: { createdAt: true } });
    expect(new Set(entries.map((entry) => entry.createdAt.getTime())).size).toBeLessThan(200);
    await expectLedgerInvariant(teamId);

    await returnAllLeases("shutdown");
    expect(await openLeases(teamId)).toHaveLength(0);
    const after = await db.team.findUniqueOrThrow({ where: { id: teamId } });
    expect(after.leased).toBe(0n);
    expect(after.balance).toBe(9_600n * PRICE);
    for (const lease of await db.creditLease.findMany({ where: { teamId } })) {
      expect(lease.granted).toBe(lease.charged + lease.returned);
      expect(["shutdown", "idle"]).toContain(lease.closeReason);
    }
  });

  it("serves exactly the calls the credit covers, however many arrive at once", async () => {
    const { teamId, charge } = await newTeam(300n * PRICE);
    const results = await Promise.all(Array.from({ length: 3_000 }, () => charge()));
    expect(results.filter(({ outcome }) => outcome.ok)).toHaveLength(300);
    for (const { outcome } of results.filter(({ outcome }) => !outcome.ok))
      expect(outcome).toMatchObject({ reason: "insufficient_credit" });
    await flushLeaseCharges();
    expect(await usageRows(teamId)).toBe(300);
    expect(await expectLedgerInvariant(teamId)).toBe(0n);
  });

  it("closes a leased call that waits for its write in the lease: its row charges the exact cost, with its claim", async () => {
    // A linger no test could sit out: nothing is written unless someone waits for a row.
    await withLeaseSettings({ writeLingerMs: 60_000 }, async () => {
      const { teamId, charge, close } = await newTeam(1_000n * PRICE);
      const lingering = await lingeringCalls(teamId, await Promise.all(Array.from({ length: 50 }, () => charge())));
      const [refunded, settled, pricier] = lingering;

      const refund = await refundCall({ ...close, requestId: refunded!, price: PRICE, reason: "upstream failed" });
      expect(refund).not.toBeNull();
      const settle = await settleCall({ ...close, requestId: settled!, reserved: PRICE, actual: 400n, reason: "exact cost" });
      expect(settle).toMatchObject({ status: "settled", difference: 600n, overdrawn: false });
      // Cost more than its reservation: the lease covers the excess.
      const over = await settleCall({ ...close, requestId: pricier!, reserved: PRICE, actual: PRICE + 250n, reason: "exact cost" });
      expect(over).toMatchObject({ status: "settled", difference: -250n });
      // Made in memory: no statement yet, not even a row of theirs.
      expect(await db.creditLedgerEntry.count({ where: { requestId: { in: lingering } } })).toBe(0);

      await flushLeaseCharges();
      const ledger = await db.creditLedgerEntry.findMany({ where: { teamId, requestId: { in: [refunded!, settled!, pricier!] } } });
      // The refunded call moved no money: it has no row. The others have one each, of their exact cost.
      expect(ledger.map((entry) => [entry.requestId, entry.kind, entry.amount])).toEqual(
        expect.arrayContaining([
          [settled!, "USAGE", -400n],
          [pricier!, "USAGE", -(PRICE + 250n)],
        ]),
      );
      expect(ledger).toHaveLength(2);
      const claims = await db.callSettlement.findMany({ where: { teamId }, orderBy: { actual: "asc" } });
      expect(claims.map((claim) => [claim.requestId, claim.outcome, claim.reserved, claim.actual])).toEqual([
        [refunded!, "REFUNDED", PRICE, 0n],
        [settled!, "SETTLED", PRICE, 400n],
        [pricier!, "SETTLED", PRICE, PRICE + 250n],
      ]);
      const open = await db.openCall.findMany({ where: { requestId: { in: [refunded!, settled!] } }, orderBy: { charged: "asc" } });
      expect(open.map((call) => call.charged)).toEqual([0n, 400n]);
      const balance = await expectLedgerInvariant(teamId);
      expect(balance).toBe(1_000n * PRICE - 47n * PRICE - 400n - (PRICE + 250n));
      // The refund answered with the lease's estimate of the balance at that moment (49 calls paid):
      // never below it, and above it only by charges written by statement after the lease's snapshot.
      // (Not compared with the final balance: the settles after it gave 600 back and took 250 more.)
      expect(refund).toBeGreaterThanOrEqual(1_000n * PRICE - 49n * PRICE);

      // Each call is closed once: a second close changes nothing, however it comes.
      expect(await settleCall({ ...close, requestId: settled!, reserved: PRICE, actual: 0n, reason: "again" })).toEqual({
        status: "already_settled",
      });
      expect(await refundCall({ ...close, requestId: settled!, price: PRICE, reason: "again" })).toBeNull();
      expect(await settleCall({ ...close, requestId: refunded!, reserved: PRICE, actual: 10n, reason: "again" })).toEqual({
        status: "refunded",
      });
      expect(await expectLedgerInvariant(teamId)).toBe(balance);
    });
  });

  it("closes a leased call with a statement after its row once the row is written or being written", async () => {
    const { teamId, charge, close } = await newTeam(1_000n * PRICE);
    const [written, ...rest] = await Promise.all(Array.from({ length: 50 }, () => charge()));
    await flushLeaseCharges();
    const refund = await refundCall({ ...close, requestId: written!.requestId, price: PRICE, reason: "upstream failed" });
    expect(refund).not.toBeNull();

    // A statement under way: the team row is held, so the lease's write waits with the calls it carries.
    const more = await Promise.all(Array.from({ length: 5 }, () => charge()));
    const holder = await pgPool().connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM teams WHERE id = $1 FOR UPDATE`, [teamId]);
      const flushing = flushLeaseCharges();
      const settling = settleCall({ ...close, requestId: more[0]!.requestId, reserved: PRICE, actual: 400n, reason: "exact cost" });
      await holder.query("COMMIT");
      await flushing;
      expect(await settling).toMatchObject({ status: "settled", difference: 600n });
    } finally {
      holder.release();
    }
    await flushLeaseCharges();
    expect(rest).toHaveLength(49);
    const ledger = await db.creditLedgerEntry.findMany({ where: { teamId, requestId: { in: [written!.requestId, more[0]!.requestId] } } });
    expect(ledger.map((entry) => [entry.requestId, entry.kind, entry.amount])).toEqual(
      expect.arrayContaining([
        [written!.requestId, "USAGE", -PRICE],
        [written!.requestId, "USAGE_REFUND", PRICE],
        [more[0]!.requestId, "USAGE", -PRICE],
        [more[0]!.requestId, "USAGE_SETTLEMENT", 600n],
      ]),
    );
    expect(ledger).toHaveLength(4);
    expect(await expectLedgerInvariant(teamId)).toBe(1_000n * PRICE - 53n * PRICE - 400n);
  });

  it("holds a reservation's row for its settle, and writes the ones still running when the lease closes", async () => {
    await withLeaseSettings({ reservationHoldMs: 60_000 }, async () => {
      const { teamId, reserve, close } = await newTeam(1_000n * PRICE);
      const calls = await inWaves(50, reserve);
      // A usage batch's flush writes what is pending, not the reservations of calls still running.
      // (The first calls, before the team counted as busy, were charged by statements.)
      await flushLeaseCharges();
      const [running, ...ended] = await lingeringCalls(teamId, calls);
      expect(ended.length).toBeGreaterThan(30);
      const byStatement = BigInt(calls.length - 1 - ended.length) * PRICE;

      const costs = ended.map((_, index) => BigInt(index * 37)); // some zero, all below the reservation
      const settles = await Promise.all(
        ended.map((requestId, index) => settleCall({ ...close, requestId, reserved: PRICE, actual: costs[index]!, reason: "tokens" })),
      );
      expect(settles.every((settle) => settle.status === "settled")).toBe(true);
      await flushLeaseCharges();
      const rows = await db.creditLedgerEntry.findMany({ where: { teamId, requestId: { in: ended } } });
      // One USAGE row per call that cost something, of its exact cost; no settlement rows.
      expect(rows.every((row) => row.kind === "USAGE")).toBe(true);
      expect(rows).toHaveLength(costs.filter((cost) => cost > 0n).length);
      expect(await db.callSettlement.count({ where: { teamId } })).toBe(ended.length);
      const spent = byStatement + costs.reduce((sum, cost) => sum + cost, 0n);
      expect(await expectLedgerInvariant(teamId)).toBe(1_000n * PRICE - spent);

      // The lease closes (idle, SIGTERM) while one call still runs: its reservation is written, and
      // its settle is a statement after it.
      await returnAllLeases("shutdown");
      expect(await db.creditLedgerEntry.count({ where: { teamId, requestId: running!, kind: "USAGE", amount: -PRICE } })).toBe(1);
      const late = await settleCall({ ...close, requestId: running!, reserved: PRICE, actual: 300n, reason: "tokens" });
      expect(late).toMatchObject({ status: "settled", difference: 700n });
      expect(await expectLedgerInvariant(teamId)).toBe(1_000n * PRICE - spent - 300n);
      expect(await openLeases(teamId)).toHaveLength(0);
    });
  });

  it("writes a held reservation once its hold is over, and its settle is then a statement", async () => {
    await withLeaseSettings({ reservationHoldMs: 100 }, async () => {
      const { teamId, reserve, close } = await newTeam(1_000n * PRICE);
      const calls = await inWaves(30, reserve);
      const ids = await lingeringCalls(teamId, calls);
      expect(ids.length).toBeGreaterThan(10);
      await eventually(async () => (await db.creditLedgerEntry.count({ where: { teamId, requestId: { in: ids } } })) === ids.length);
      const settle = await settleCall({ ...close, requestId: ids[0]!, reserved: PRICE, actual: 250n, reason: "tokens" });
      expect(settle).toMatchObject({ status: "settled", difference: 750n });
      const rows = await db.creditLedgerEntry.findMany({ where: { teamId, requestId: ids[0]! } });
      expect(rows.map((row) => [row.kind, row.amount])).toEqual(
        expect.arrayContaining([
          ["USAGE", -PRICE],
          ["USAGE_SETTLEMENT", 750n],
        ]),
      );
      expect(await expectLedgerInvariant(teamId)).toBe(1_000n * PRICE - 29n * PRICE - 250n);
    });
  });

  it("writes the calls debited during a lease's linger in one statement, and a close waiting for its row cuts the linger short", async () => {
    await withLeaseSettings({ writeLingerMs: 60_000 }, async () => {
      const { teamId, charge, close } = await newTeam(1_000n * PRICE);
      const lingering = await lingeringCalls(teamId, await Promise.all(Array.from({ length: 50 }, () => charge())));
      expect(lingering.length).toBeGreaterThan(1);

      // The first close is made in the lease; the second of the same call waits for the row, which
      // only a write cut short can give it.
      await settleCall({ ...close, requestId: lingering[0]!, reserved: PRICE, actual: 400n, reason: "exact cost" });
      expect(await refundCall({ ...close, requestId: lingering[0]!, price: PRICE, reason: "upstream failed" })).toBeNull();
      const rows = await db.creditLedgerEntry.findMany({
        where: { teamId, kind: "USAGE", requestId: { in: lingering } },
        select: { createdAt: true },
      });
      expect(rows).toHaveLength(lingering.length);
      // One transaction, one start time.
      expect(new Set(rows.map((row) => row.createdAt.getTime())).size).toBe(1);
      expect(await expectLedgerInvariant(teamId)).toBe(1_000n * PRICE - 49n * PRICE - 400n);
    });
  });

  it("flushes the calls pending when the flush began; those debited during it wait for their linger", async () => {
    await withLeaseSettings({ writeLingerMs: 60_000 }, async () => {
      const { teamId, charge } = await newTeam(1_000n * PRICE);
      const before = await lingeringCalls(teamId, await Promise.all(Array.from({ length: 50 }, () => charge())));
      expect(before.length).toBeGreaterThan(1);

      // The usage writer flushes before each batch: under load, calls keep arriving while it writes.
      const flushing = flushLeaseCharges();
      const during = await Promise.all(Array.from({ length: 10 }, () => charge()));
      await flushing;
      expect(
        await lingeringCalls(
          teamId,
          before.map((requestId) => ({ requestId })),
        ),
      ).toEqual([]);
      expect(await lingeringCalls(teamId, during)).toHaveLength(10);
    });
  });

  it("gives an idle lease back", async () => {
    const { teamId, charge } = await newTeam(1_000n * PRICE);
    await Promise.all(Array.from({ length: 40 }, () => charge()));
    expect(await openLeases(teamId)).not.toHaveLength(0);
    await eventually(async () => (await openLeases(teamId)).length === 0);
    const leases = await db.creditLease.findMany({ where: { teamId } });
    expect(leases.every((lease) => lease.closeReason === "idle" && lease.remaining === 0n)).toBe(true);
    expect((await db.team.findUniqueOrThrow({ where: { id: teamId } })).leased).toBe(0n);
    expect(await expectLedgerInvariant(teamId)).toBe(960n * PRICE);
  });

  it("sizes a lease within the team's spendable credit and not below the minimum of calls", async () => {
    const { teamId } = await newTeam(100n * PRICE);
    const grant = { want: 1_000n * PRICE, unit: PRICE, minimum: 8n * PRICE, share: 4n, ttlMs: 10_000 };
    const first = await takeLease(teamId, "inst_a", grant);
    expect(first?.granted).toBe(25n * PRICE); // a quarter of 100 calls
    const second = await takeLease(teamId, "inst_b", grant);
    expect(second?.granted).toBe(18n * PRICE); // a quarter of the 75 left, in whole calls
    await takeLease(teamId, "inst_c", grant); // 14 of 57
    // 43 spendable: a quarter is 10 calls, then 8 of 33 is the minimum, then 6 of 25 is too few.
    expect((await takeLease(teamId, "inst_d", grant))?.granted).toBe(10n * PRICE);
    expect((await takeLease(teamId, "inst_e", grant))?.granted).toBe(8n * PRICE);
    expect(await takeLease(teamId, "inst_f", grant)).toBeNull();
    await expectLedgerInvariant(teamId);
    await db.creditLease.updateMany({ where: { teamId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await reclaimExpiredLeases();
  });

  it("reclaims the expired lease of a dead instance, and its credit is spendable again", async () => {
    const { teamId, charge } = await newTeam(40n * PRICE);
    const grant = { want: 10n * PRICE, unit: PRICE, minimum: PRICE, share: 1n, ttlMs: 60_000 };
    const dead = await takeLease(teamId, "inst_dead", grant);
    expect(dead?.granted).toBe(10n * PRICE);
    // 30 spendable while the dead instance holds 10: the 31st call is refused.
    const quiet = await Promise.all(Array.from({ length: 31 }, () => charge(PRICE)));
    expect(quiet.filter(({ outcome }) => outcome.ok)).toHaveLength(30);
    await flushLeaseCharges();
    await returnAllLeases("test");
    await expectLedgerInvariant(teamId);

    await db.creditLease.update({ where: { id: dead!.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const reclaimed = await reclaimExpiredLeases();
    expect(reclaimed.leases).toBeGreaterThanOrEqual(1);
    const lease = await db.creditLease.findUniqueOrThrow({ where: { id: dead!.id } });
    expect(lease).toMatchObject({ closeReason: "expired", remaining: 0n, returned: 10n * PRICE });
    const more = await Promise.all(Array.from({ length: 11 }, () => charge(PRICE)));
    expect(more.filter(({ outcome }) => outcome.ok)).toHaveLength(10);
    await flushLeaseCharges();
    expect(await expectLedgerInvariant(teamId)).toBe(0n);
  });

  it("writes a batch once when it is retried after its first attempt committed unseen", async () => {
    const { teamId } = await newTeam(100n * PRICE);
    const { api, keyRow } = await createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9", price: 0n });
    const lease = await takeLease(teamId, "inst_retry", { want: 20n * PRICE, unit: PRICE, minimum: PRICE, share: 1n, ttlMs: 10_000 });
    const batch = leasedCalls(5, { apiId: api.id, keyId: keyRow.id, instanceId: "inst_retry", price: PRICE });
    await writeLeaseCharges(teamId, lease!.id, 10_000, batch);
    // The retry carries the same five calls and three debited since: only the three are charged.
    const since = leasedCalls(3, { apiId: api.id, keyId: keyRow.id, instanceId: "inst_retry", price: PRICE });
    const written = await writeLeaseCharges(teamId, lease!.id, 10_000, [...batch, ...since]);
    expect(written).toEqual({ fromLease: true, snapshot: { balance: 92n * PRICE, charged: 8n * PRICE } });
    expect(await usageRows(teamId)).toBe(8);
    const [open] = await openLeases(teamId);
    expect(open).toMatchObject({ granted: 20n * PRICE, charged: 8n * PRICE, remaining: 12n * PRICE });
    expect(await expectLedgerInvariant(teamId)).toBe(92n * PRICE);
    // Each ledger row's balance is the one right after it: 99, 98, … 92 prices, none twice.
    const after = await db.creditLedgerEntry.findMany({ where: { teamId, kind: "USAGE" }, select: { balanceAfter: true } });
    expect(after.map(({ balanceAfter }) => balanceAfter).sort((a, b) => Number(b! - a!))).toEqual(
      Array.from({ length: 8 }, (_, index) => (99n - BigInt(index)) * PRICE),
    );
    await db.creditLease.update({ where: { id: lease!.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await reclaimExpiredLeases();
  });

  it("charges the balance for calls spent from a lease that was reclaimed while the instance stalled", async () => {
    const { teamId, charge } = await newTeam(1_000n * PRICE);
    await Promise.all(Array.from({ length: 30 }, () => charge()));
    await flushLeaseCharges();
    // The instance "stalls": its lease expires and another instance reclaims it.
    await db.creditLease.updateMany({ where: { teamId, closedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
    await reclaimExpiredLeases();
    const late = await Promise.all(Array.from({ length: 5 }, () => charge()));
    expect(late.every(({ outcome }) => outcome.ok)).toBe(true);
    await flushLeaseCharges();
    expect(await usageRows(teamId)).toBe(35);
    expect(await expectLedgerInvariant(teamId)).toBe(965n * PRICE);
  });
});
