// The ledger invariants of docs/architecture.md, read from the database: a team's balance equals the sum of its
// ledger amounts (credits positive, charges negative, refunds positive), and the part of it held in credit
// leases (`leased`) equals what its open leases hold, so `spendable + open leases == sum(ledger)`.
import crypto from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import type { LeasedCharge } from "@/lib/billing/ledger/leases/lease-statements";

export async function ledgerInvariant(teamId: string) {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId } });
  const sum = await db.creditLedgerEntry.aggregate({ where: { teamId }, _sum: { amount: true } });
  const leases = await db.creditLease.aggregate({ where: { teamId, closedAt: null }, _sum: { remaining: true } });
  return { balance: team.balance, ledgerSum: sum._sum.amount ?? 0n, leased: team.leased, openLeases: leases._sum.remaining ?? 0n };
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
