// GET /api/v1/teams - list teams (admin: all, paged; team key: its own); POST /api/v1/teams - create a team (admin).
import { createTeamOperation, listTeamsOperation } from "@/lib/management/operations/teams";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listTeamsOperation);
export const POST = managementRoute(createTeamOperation);
