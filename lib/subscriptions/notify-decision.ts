// Tells a team's owners and admins how a platform admin decided (in-app, email, team webhook).
// Sent after the decision committed; a failure is logged and never undoes the decision.
import { appUrl } from "@/lib/env";
import { notifyTeamManagers } from "@/lib/notifications/notify-team-managers";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("subscriptions");

export type Decision = { approved: true } | { approved: false; reason: string };

/** `requested` is the plan the team asked for; the subscription is the row after the decision. */
export async function notifyDecision(
  subscription: SubscriptionWithRefs,
  requested: { slug: string; name: string },
  decision: Decision,
  wasChange: boolean,
): Promise<void> {
  const { team, api } = subscription;
  const what = wasChange ? `The change of ${api.name} to ${requested.name}` : `The subscription to ${api.name} on ${requested.name}`;
  const body = decision.approved
    ? `${what} was approved. ${wasChange ? "It applies from the next call." : "Calls to it through the gateway are admitted now."}`
    : `${what} was rejected. Reason: ${decision.reason}${wasChange ? ` The team stays on ${subscription.plan.name}.` : ""}`;
  const kind = decision.approved ? "subscription.approved" : "subscription.rejected";
  const link = `${appUrl()}/${team.slug}/subscriptions`;
  try {
    await notifyTeamManagers({
      teamId: team.id,
      kind,
      title: `${team.name}: ${api.name} ${decision.approved ? "approved" : "rejected"}`,
      body,
      link,
      webhook: {
        event: kind,
        payload: {
          type: kind,
          team: { id: team.id, slug: team.slug },
          subscription: { id: subscription.id, api: api.slug, plan: subscription.plan.slug, status: subscription.status },
          requestedPlan: requested.slug,
          reason: decision.approved ? null : decision.reason,
          occurredAt: (subscription.decidedAt ?? new Date()).toISOString(),
        },
      },
    });
  } catch (error) {
    log.error({ subscriptionId: subscription.id, err: error }, "notifying the team of a subscription decision failed");
  }
}
