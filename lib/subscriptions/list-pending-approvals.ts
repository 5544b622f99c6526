// What waits for the platform admin: new requests and plan changes, oldest first, each with who
// asked (from the audit entry of the request: the subscription row does not keep its requester).
import { db } from "@/lib/db";
import { awaitingDecision, subscriptionInclude, type SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

export type PendingApproval = SubscriptionWithRefs & { requestedBy: string };

const REQUEST_ACTIONS = ["subscription.created", "subscription.resubscribed", "subscription.plan_changed", "subscription.change_requested"];

const MAX_SHOWN = 200;

async function requesters(ids: string[]): Promise<Map<string, string>> {
  const entries = await db.auditLog.findMany({
    where: { targetType: "subscription", targetId: { in: ids }, action: { in: REQUEST_ACTIONS } },
    orderBy: { createdAt: "desc" },
    select: { targetId: true, actorType: true, actor: { select: { name: true, email: true } } },
  });
  const byId = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.targetId || byId.has(entry.targetId)) continue;
    const who = entry.actor
      ? entry.actor.name
        ? `${entry.actor.name} <${entry.actor.email}>`
        : entry.actor.email
      : entry.actorType === "API_KEY"
        ? "a team API key"
        : entry.actorType === "ADMIN_TOKEN"
          ? "the admin token"
          : "the system";
    byId.set(entry.targetId, who);
  }
  return byId;
}

export async function listPendingApprovals(): Promise<{ approvals: PendingApproval[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.subscription.findMany({
      where: awaitingDecision,
      include: subscriptionInclude,
      orderBy: [{ requestedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      take: MAX_SHOWN,
    }),
    db.subscription.count({ where: awaitingDecision }),
  ]);
  const who = await requesters(rows.map((row) => row.id));
  return { approvals: rows.map((row) => ({ ...row, requestedBy: who.get(row.id) ?? "unknown" })), total };
}
