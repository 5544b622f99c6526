// GET /api/v1/teams/{team}/subscriptions - list them; POST - subscribe to an API plan or change plan.
import { listSubscriptionsOperation, subscribeOperation } from "@/lib/management/operations/subscriptions";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listSubscriptionsOperation);
export const POST = managementRoute(subscribeOperation);
