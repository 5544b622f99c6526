// POST /api/v1/subscriptions/{id}/reject - reject a pending subscription or plan change with a reason (admin token only).
import { rejectSubscription } from "@/lib/subscriptions/decide-subscription";
import { rejectSubscriptionOperation } from "@/lib/management/operations/subscriptions";
import { toSubscriptionResponse } from "@/lib/management/schemas/subscriptions";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const POST = withManagementAuth(rejectSubscriptionOperation, async ({ actor, body, params, requestId, respond }) => {
  return respond(toSubscriptionResponse(await rejectSubscription(params.id!, body.reason, actor, requestId)));
});
