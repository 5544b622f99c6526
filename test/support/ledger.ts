// The ledger invariant of docs/architecture.md, read from the database: a team's balance equals the sum of its
// ledger amounts (credits positive, charges negative, refunds positive).
import { expect } from "vitest";
import { db } from "@/lib/db";

export async function ledgerInvariant(teamId: string) {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId } });
  const sum = await db.creditLedgerEntry.aggregate({ where: { teamId }, _sum: { amount: true } });
  return { balance: team.balance, ledgerSum: sum._sum.amount ?? 0n };
}

/** Asserts the invariant and returns the balance. */
export async function expectLedgerInvariant(teamId: string): Promise<bigint> {
  const { balance, ledgerSum } = await ledgerInvariant(teamId);
  expect(balance).toBe(ledgerSum);
  return balance;
}
