// The latest grants and adjustments across all teams, with who made them and why.
import { db } from "@/lib/db";
import { actorNames } from "@/lib/billing/ledger/list-credit-movements";

export type CreditGrantRow = {
  id: string;
  kind: "GRANT" | "ADJUSTMENT";
  amount: bigint;
  balanceAfter: bigint | null;
  reason: string | null;
  actor: string | null;
  team: { slug: string; name: string };
  createdAt: Date;
};

export async function listCreditGrants(limit = 20): Promise<CreditGrantRow[]> {
  // kind IN (...) + createdAt DESC: the (kind, createdAt) index serves both kinds.
  const entries = await db.creditLedgerEntry.findMany({
    where: { kind: { in: ["GRANT", "ADJUSTMENT"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      kind: true,
      amount: true,
      balanceAfter: true,
      reason: true,
      actorUserId: true,
      createdAt: true,
      team: { select: { slug: true, name: true } },
    },
  });
  const actors = await actorNames(entries.map((entry) => entry.actorUserId));
  return entries.map(({ actorUserId, ...entry }) => ({
    ...entry,
    kind: entry.kind as CreditGrantRow["kind"],
    actor: actorUserId ? (actors.get(actorUserId) ?? "deleted user") : null,
  }));
}
