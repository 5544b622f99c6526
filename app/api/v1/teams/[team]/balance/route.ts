// GET /api/v1/teams/{team}/balance - the team's prepaid credit as a decimal string.
import { getBalanceOperation } from "@/lib/management/operations/teams";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(getBalanceOperation);
