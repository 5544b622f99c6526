// POST /api/v1/subscriptions/{id}/reject - reject a pending subscription or plan change with a reason (admin token only).
import { rejectSubscriptionOperation } from "@/lib/management/operations/subscriptions";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const POST = managementRoute(rejectSubscriptionOperation);
