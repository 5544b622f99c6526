// GET /api/v1/teams/{team}/usage?from&to&api - request counts, errors, charges and latency over a range.
import { getUsageOperation } from "@/lib/management/operations/usage";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(getUsageOperation);
