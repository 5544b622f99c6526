// GET /api/v1/subscriptions?status=pending - subscriptions of every team by state (admin token only).
import { listAllSubscriptionsOperation } from "@/lib/management/operations/subscriptions";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listAllSubscriptionsOperation);
