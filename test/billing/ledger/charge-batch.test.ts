// Group commit of a busy team's charges (lib/billing/ledger/charge-batch.ts): many calls in one
// statement, and still each call charged once, in order, never below zero, with its own ledger row
// and open call, exactly as the single statement would.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chargeCall, type ChargeResult } from "@/lib/billing/ledger/charge-call";
import { DEFAULT_LEASE_SETTINGS, configureCreditLeases } from "@/lib/billing/ledger/leases/credit-leases";
import { createGatewayFixture } from "../../support/gateway-factories";
import { expectLedgerInvariant } from "../../support/ledger";

// The charge statements themselves: a storm this busy would otherwise move to a credit lease
// (credit-leases.test.ts), whose rows land in their own statements a little later.
beforeAll(() => configureCreditLeases({ enabled: false }));
afterAll(() => configureCreditLeases(DEFAULT_LEASE_SETTINGS));

const fixture = (balance: bigint) => createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9", balance, price: 0n });

async function newTeam(balance: bigint) {
  const { team, api, keyRow } = await fixture(balance);
  /** A call's charge; `requestId` only to charge one twice. */
  const charge = (price: bigint, requestId = `req_${crypto.randomBytes(8).toString("hex")}`) => {
    const call = { teamId: team.id, apiId: api.id, keyId: keyRow.id, apiKeyId: keyRow.id, requestId, price, capped: false };
    const result = chargeCall({ ...call, instanceId: "inst_test", method: "GET", path: "/ping" });
    return result.then((outcome) => ({ requestId, price, outcome }));
  };
  return { teamId: team.id, charge };
}

type Charged = { requestId: string; price: bigint; outcome: ChargeResult };

async function usageRows(teamId: string) {
  return db.creditLedgerEntry.findMany({ where: { teamId, kind: "USAGE" }, orderBy: { balanceAfter: "desc" } });
}

describe("charges of a busy team share statements", () => {
  it("charges exactly the calls a team paid for, each with its own ledger row and open call, in fewer statements than calls", async () => {
    const price = 1_000n;
    const { teamId, charge } = await newTeam(200n * price);
    const results: Charged[] = await Promise.all(Array.from({ length: 300 }, () => charge(price)));

    const ok = results.filter(({ outcome }) => outcome.ok);
    expect(ok).toHaveLength(200);
    for (const { outcome } of results.filter(({ outcome }) => !outcome.ok)) {
      expect(outcome).toEqual({ ok: false, reason: "insufficient_credit", balance: 0n });
    }
    expect(await expectLedgerInvariant(teamId)).toBe(0n);

    const rows = await usageRows(teamId);
    expect(rows.map((row) => row.requestId).sort()).toEqual(ok.map(({ requestId }) => requestId).sort());
    // Each call's balance after it is one step of the sequence, and the caller was told that figure.
    expect(rows.map((row) => row.balanceAfter)).toEqual(Array.from({ length: 200 }, (_, index) => (199n - BigInt(index)) * price));
    const told = new Map(ok.map(({ requestId, outcome }) => [requestId, outcome.ok ? outcome.balanceAfter : null]));
    for (const row of rows) expect(told.get(row.requestId!)).toBe(row.balanceAfter);
    expect(await db.openCall.count({ where: { teamId } })).toBe(200);
    // One statement is one transaction, and its rows share the transaction's start time.
    const statements = new Set(rows.map((row) => row.createdAt.getTime())).size;
    expect(statements).toBeLessThan(100);
  });

  it("never goes below zero with mixed prices, and refuses only what the balance left could not cover", async () => {
    const start = 100_000n;
    const { teamId, charge } = await newTeam(start);
    const prices = Array.from({ length: 200 }, (_, index) => BigInt(1 + ((index * 7919) % 5_000)));
    const results = await Promise.all(prices.map((price) => charge(price)));

    const balance = await expectLedgerInvariant(teamId);
    expect(balance).toBeGreaterThanOrEqual(0n);
    const paid = results.filter(({ outcome }) => outcome.ok).reduce((sum, { price }) => sum + price, 0n);
    expect(start - balance).toBe(paid);
    // The balance only fell during the storm, so whatever was refused is dearer than what is left.
    for (const { price, outcome } of results.filter(({ outcome }) => !outcome.ok)) {
      expect(outcome.ok ? null : outcome.reason).toBe("insufficient_credit");
      expect(price).toBeGreaterThan(balance);
    }
    expect(await db.openCall.count({ where: { teamId } })).toBe(results.filter(({ outcome }) => outcome.ok).length);
  });

  it("charges a cheaper call that still fits after a dearer one in the same statement did not", async () => {
    const { teamId, charge } = await newTeam(2_000n);
    // The first runs alone; the other three wait for it and go together, in this order.
    const [first, dear, tooDear, cheap] = await Promise.all([charge(100n), charge(1_000n), charge(1_000n), charge(400n)]);
    expect(first!.outcome).toEqual({ ok: true, balanceAfter: 1_900n });
    expect(dear!.outcome).toEqual({ ok: true, balanceAfter: 900n });
    expect(tooDear!.outcome).toEqual({ ok: false, reason: "insufficient_credit", balance: 900n });
    expect(cheap!.outcome).toEqual({ ok: true, balanceAfter: 500n });
    expect(await expectLedgerInvariant(teamId)).toBe(500n);
  });

  it("gives each call its own answer when one call of a statement cannot be charged", async () => {
    const { teamId, charge } = await newTeam(10_000n);
    const { requestId } = await charge(100n);
    const blocker = charge(100n); // runs alone; the next three wait for it and share a statement
    // A request id charged twice breaks the open call's key: the statement it shares fails as a whole.
    const [duplicate, c, d] = await Promise.allSettled([charge(100n, requestId), charge(100n), charge(100n)]);
    await blocker;
    expect(duplicate.status).toBe("rejected");
    expect([c, d].map((result) => result.status === "fulfilled" && result.value.outcome.ok)).toEqual([true, true]);
    expect(await expectLedgerInvariant(teamId)).toBe(10_000n - 4n * 100n);
  });
});
