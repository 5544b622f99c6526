// The team's subscription to one API, as a badge: state and plan, a plan change waiting for
// approval, and the reason of a rejection (of the subscription, or of a plan change it survived).
import type { CatalogItemView, SubscriptionStatus as Status } from "@/components/subscriptions/catalog-item-view";
import { Badge } from "@/components/ui/card";

const LOOK: Record<Status, { label: string; tone: "green" | "amber" | "red" | "slate" }> = {
  ACTIVE: { label: "Active", tone: "green" },
  PENDING: { label: "Pending approval", tone: "amber" },
  REJECTED: { label: "Rejected", tone: "red" },
  CANCELLED: { label: "Cancelled", tone: "slate" },
};

export function SubscriptionStatus({ subscription }: { subscription: CatalogItemView["subscription"] }) {
  if (!subscription) {
    return (
      <p className="text-xs text-slate-500" data-testid="subscription-status">
        Not subscribed
      </p>
    );
  }
  const look = LOOK[subscription.status];
  return (
    <div data-testid="subscription-status">
      <Badge tone={look.tone}>
        {look.label} · {subscription.planName}
      </Badge>
      {subscription.pendingPlanName ? (
        <p className="mt-1 text-xs text-amber-800" data-testid="pending-plan-change">
          Change to {subscription.pendingPlanName} waiting for approval; calls stay on {subscription.planName} until then.
        </p>
      ) : null}
      {subscription.reason && subscription.status === "REJECTED" ? (
        <p className="mt-1 text-xs text-slate-600">Reason: {subscription.reason}</p>
      ) : null}
      {subscription.reason && subscription.status === "ACTIVE" ? (
        <p className="mt-1 text-xs text-slate-600">Plan change rejected. Reason: {subscription.reason}</p>
      ) : null}
    </div>
  );
}
