"use server";
// Subscriptions from the team catalog. teamAction checks that the caller is an owner or admin of the
// posted team; subscribeTeam then applies the team's view of the catalog (no drafts, no private
// APIs) and the plan rules, so a forged API or plan gets the same answer as a missing one.
import { revalidatePath } from "next/cache";
import type { Actor } from "@/lib/audit/actor";
import { teamAction } from "@/lib/auth/action";
import type { CatalogViewer } from "@/lib/catalog/api-visibility";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { subscribeSchema, subscribeTeam, type SubscribeOutcome } from "@/lib/subscriptions/subscribe-team";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import type { TeamContext } from "@/lib/teams/team-access";

const actorOf = (ctx: TeamContext): Actor => ({ type: "USER", userId: ctx.userId });
// The portal acts for the team, even when the signed-in user is also the platform admin.
const viewerOf = (ctx: TeamContext): CatalogViewer => ({ kind: "team", teamId: ctx.team.id });
// The overview counts subscriptions, the subscriptions page lists them and the keys page offers
// subscribed APIs as scopes.
const refresh = (slug: string) => revalidatePath(`/${slug}`, "layout");

function subscribedMessage({ api, plan, pendingPlan, status }: SubscriptionWithRefs, outcome: SubscribeOutcome): string {
  switch (outcome) {
    case "unchanged":
      return pendingPlan
        ? `${api.name} already has a change to ${pendingPlan.name} waiting for approval.`
        : `${api.name} is already on ${plan.name}.`;
    case "change_requested":
      return `Requested a change of ${api.name} to ${pendingPlan!.name}. The team stays on ${plan.name} until a platform admin approves it.`;
    case "change_withdrawn":
      return `Withdrew the requested plan change. ${api.name} stays on ${plan.name}.`;
    default:
      if (status === "PENDING")
        return `Requested ${plan.name} for ${api.name}. A platform admin approves it; until then the gateway refuses calls to this API.`;
      return outcome === "plan_changed"
        ? `Switched ${api.name} to ${plan.name}. It applies from the next call.`
        : `Subscribed to ${api.name} on ${plan.name}.`;
  }
}

export const subscribeAction = teamAction("ADMIN", subscribeSchema, async (ctx, input) => {
  const { subscription, outcome } = await subscribeTeam(ctx.team.id, input, actorOf(ctx), viewerOf(ctx));
  refresh(ctx.team.slug);
  return { message: subscribedMessage(subscription, outcome) };
});

export const cancelSubscriptionAction = teamAction("ADMIN", subscribeSchema.pick({ api: true }), async (ctx, { api }) => {
  const subscription = await cancelSubscription(ctx.team.id, api, actorOf(ctx));
  refresh(ctx.team.slug);
  return { message: `Cancelled the subscription to ${subscription.api.name}. Calls to it are refused from now on.` };
});
