// The team's non-usage ledger entries (top-ups, recharges, grants, adjustments, payment refunds),
// one row each with its reason and who did it. These are few per team, unlike usage rows.
import { db, type LedgerEntryKind } from "@/lib/db";
import { pageWindow, toPaged, type Paged } from "@/lib/http/pagination";

const MOVEMENT_KINDS = ["TOPUP", "AUTO_RECHARGE", "GRANT", "ADJUSTMENT", "PAYMENT_REFUND"] as const satisfies LedgerEntryKind[];

export type CreditMovement = {
  id: string;
  kind: (typeof MOVEMENT_KINDS)[number];
  amount: bigint;
  balanceAfter: bigint | null;
  reason: string | null;
  /** name or email of the user who made it; null for the system, Stripe or the admin token */
  actor: string | null;
  createdAt: Date;
};

export async function listCreditMovements(teamId: string, page: number): Promise<Paged<CreditMovement>> {
  // teamId + createdAt DESC walks the (teamId, createdAt) index backwards; kind is a filter on it.
  const entries = await db.creditLedgerEntry.findMany({
    where: { teamId, kind: { in: [...MOVEMENT_KINDS] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, kind: true, amount: true, balanceAfter: true, reason: true, actorUserId: true, createdAt: true },
    ...pageWindow(page),
  });
  const actors = await actorNames(entries.map((entry) => entry.actorUserId));
  const rows = entries.map(({ actorUserId, ...entry }) => ({
    ...entry,
    kind: entry.kind as CreditMovement["kind"],
    actor: actorUserId ? (actors.get(actorUserId) ?? "deleted user") : null,
  }));
  return toPaged(rows, page);
}

/** The ledger keeps a bare user id (no relation, so entries outlive their authors). */
export async function actorNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((user) => [user.id, user.name ?? user.email]));
}
