// What the team catalog shows for one API, formatted on the server: the card's entry, the team's
// subscription, and the plans an owner or admin may pick (prices as text, so no BigInt and no
// server-only row reaches the browser).
import type { ApiWithPlans } from "@/lib/catalog/api-query";
import type { CatalogEntry } from "@/lib/catalog/list-published-apis";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import { formatMoney } from "@/lib/money";

export type SubscriptionStatus = SubscriptionWithRefs["status"];

export type PlanOption = { slug: string; label: string };

export type CatalogItemView = {
  entry: CatalogEntry;
  subscription: { status: SubscriptionStatus; planName: string; pendingPlanName: string | null; reason: string | null } | null;
  /** slug of the plan the team holds (ACTIVE or PENDING), which it may cancel or change; null when none */
  current: string | null;
  plans: PlanOption[];
  /** why the team cannot subscribe to this API from the portal, or null when it can */
  closed: string | null;
};

function planLabel(plan: ApiWithPlans["plans"][number], currency: string): string {
  const parts = [`${formatMoney(plan.pricePerCall, currency)} per call`, `${plan.rateLimit} req / ${plan.rateLimitWindowSec} s`];
  if (plan.requiresApproval) parts.push("requires approval");
  return `${plan.name} — ${parts.join(" · ")}`;
}

function closedReason(api: ApiWithPlans): string | null {
  // The same rules subscribeTeam enforces, said up front instead of after a submit.
  if (api.visibility === "PRIVATE") return "Subscriptions to this private API are managed by the platform admin.";
  if (api.status !== "PUBLISHED") return `This API is ${api.status.toLowerCase()} and takes no new subscriptions.`;
  if (api.plans.length === 0) return "This API has no plans open for subscription yet.";
  return null;
}

export function toSubscriptionView(subscription: SubscriptionWithRefs | undefined): CatalogItemView["subscription"] {
  if (!subscription) return null;
  return {
    status: subscription.status,
    planName: subscription.plan.name,
    pendingPlanName: subscription.pendingPlan?.name ?? null,
    reason: subscription.reason,
  };
}

/** The plan the team holds (ACTIVE or PENDING), which it may cancel or change. */
export const heldPlan = (subscription: SubscriptionWithRefs | undefined): string | null =>
  subscription?.status === "ACTIVE" || subscription?.status === "PENDING" ? subscription.plan.slug : null;

export function toCatalogItemView(api: ApiWithPlans, subscription: SubscriptionWithRefs | undefined, currency: string): CatalogItemView {
  const priceFrom = api.plans.reduce<bigint | null>(
    (low, { pricePerCall }) => (low === null || pricePerCall < low ? pricePerCall : low),
    null,
  );
  const { id, slug, name, summary, tags, status, version } = api;
  return {
    entry: { id, slug, name, summary, tags, status, version, priceFrom },
    subscription: toSubscriptionView(subscription),
    current: heldPlan(subscription),
    plans: api.plans.map((plan) => ({ slug: plan.slug, label: planLabel(plan, currency) })),
    closed: closedReason(api),
  };
}
