// DELETE /api/v1/teams/{team}/subscriptions/{api} - cancel the team's subscription to an API.
import { cancelSubscriptionOperation } from "@/lib/management/operations/subscriptions";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const DELETE = managementRoute(cancelSubscriptionOperation);
