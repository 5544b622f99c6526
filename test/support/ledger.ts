// The ledger invariants of docs/architecture.md, read from the database: a team's balance equals the sum of its
// ledger amounts (credits positive, charges negative, refunds positive), and the part of it held in credit
// leases (`leased`) equals what its open leases hold, so `spendable + open leases == sum(ledger)`.
import crypto from "node:crypto";
import { expect } from "vitest";
import { pgPool } from "@/lib/db";
import type { LeasedCharge } from "@/lib/billing/ledger/leases/lease-statements";

// One statement, so one snapshot: a lease taken, topped up or returned meanwhile (an idle return
// may come at any moment after a storm) moves `leased` and the open leases together, and separate
// reads could see one side of it.
const INVARIANT = `
SELECT t.balance::text AS balance, t.leased::text AS leased,
       (SELECT coalesce(sum(amount), 0) FROM credit_ledger_entries WHERE "teamId" = t.id)::text AS "ledgerSum",
       (SELECT coalesce(sum(remaining), 0) FROM credit_leases WHERE "teamId" = t.id AND "closedAt" IS NULL)::text AS "openLeases"
FROM teams t WHERE t.id = $1`;

export async function ledgerInvariant(teamId: string) {
  const { rows } = await pgPool().query<Record<"balance" | "leased" | "ledgerSum" | "openLeases", string>>(INVARIANT, [teamId]);
  const row = rows[0];
  if (!row) throw new Error(`no team ${teamId}`);
  return { balance: BigInt(row.balance), ledgerSum: BigInt(row.ledgerSum), leased: BigInt(row.leased), openLeases: BigInt(row.openLeases) };
}

/** Asserts the invariant and returns the balance. */
export async function expectLedgerInvariant(teamId: string): Promise<bigint> {
  const { balance, ledgerSum, leased, openLeases } = await ledgerInvariant(teamId);
  expect(balance).toBe(ledgerSum);
  expect(leased).toBe(openLeases);
  expect(balance - leased + openLeases).toBe(ledgerSum);
  return balance;
}

/** Calls as a credit lease's writer gets them (writeLeaseCharges): `count` GET /ping calls of one key at `price`. */
export function leasedCalls(count: number, call: { apiId: string; keyId: string; instanceId: string; price: bigint }): LeasedCharge[] {
  return Array.from({ length: count }, () => ({
    requestId: `req_${crypto.randomBytes(12).toString("hex")}`,
    price: call.price,
    apiId: call.apiId,
    keyId: call.keyId,
    apiKeyId: call.keyId,
    method: "GET",
    path: "/ping",
    instanceId: call.instanceId,
  }));
}
