// POST /api/v1/subscriptions/{id}/approve - approve a pending subscription or plan change (admin token only).
import { approveSubscriptionOperation } from "@/lib/management/operations/subscriptions";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const POST = managementRoute(approveSubscriptionOperation);
