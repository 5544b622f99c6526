// GET /api/v1/teams/{team}/subscriptions - list them; POST - subscribe to an API plan or change plan.
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { subscribeTeam } from "@/lib/subscriptions/subscribe-team";
import { listSubscriptionsOperation, subscribeOperation } from "@/lib/management/operations/subscriptions";
import { toSubscriptionResponse } from "@/lib/management/schemas/subscriptions";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(listSubscriptionsOperation, async ({ team, respond }) => {
  return respond({ data: (await listSubscriptions(team.id)).map(toSubscriptionResponse) });
});

export const POST = withManagementAuth(subscribeOperation, async ({ team, caller, actor, body, requestId, respond }) => {
  const { subscription, outcome } = await subscribeTeam(team.id, body, actor, caller, requestId);
  const started = outcome === "created" || outcome === "resubscribed";
  return respond(toSubscriptionResponse(subscription), { status: started ? 201 : 200 });
});
