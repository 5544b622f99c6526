// DELETE /api/v1/teams/{team}/subscriptions/{api} - cancel the team's subscription to an API.
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { cancelSubscriptionOperation } from "@/lib/management/operations/subscriptions";
import { toSubscriptionResponse } from "@/lib/management/schemas/subscriptions";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const DELETE = withManagementAuth(cancelSubscriptionOperation, async ({ team, actor, params, requestId, respond }) => {
  return respond(toSubscriptionResponse(await cancelSubscription(team.id, params.api, actor, requestId)));
});
