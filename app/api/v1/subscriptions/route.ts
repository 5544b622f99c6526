// GET /api/v1/subscriptions?status=pending - subscriptions of every team by state (admin token only).
import { listSubscriptionsByState } from "@/lib/subscriptions/list-subscriptions-by-state";
import { listAllSubscriptionsOperation } from "@/lib/management/operations/subscriptions";
import { toSubscriptionResponse } from "@/lib/management/schemas/subscriptions";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(listAllSubscriptionsOperation, async ({ query, respond }) => {
  const { status, ...page } = query;
  const { subscriptions, nextCursor } = await listSubscriptionsByState(status, page);
  return respond({ data: subscriptions.map(toSubscriptionResponse), nextCursor });
});
