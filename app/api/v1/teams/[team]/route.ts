// GET /api/v1/teams/{team} - one team by slug or id (a team key: only its own).
import { getTeamOperation } from "@/lib/management/operations/teams";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(getTeamOperation);
