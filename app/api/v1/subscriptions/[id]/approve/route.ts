// POST /api/v1/subscriptions/{id}/approve - approve a pending subscription or plan change (admin token only).
import { approveSubscription } from "@/lib/subscriptions/decide-subscription";
import { approveSubscriptionOperation } from "@/lib/management/operations/subscriptions";
import { toSubscriptionResponse } from "@/lib/management/schemas/subscriptions";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const POST = withManagementAuth(approveSubscriptionOperation, async ({ actor, params, requestId, respond }) => {
  return respond(toSubscriptionResponse(await approveSubscription(params.id!, actor, requestId)));
});
