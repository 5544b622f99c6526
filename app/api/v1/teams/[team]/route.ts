// GET /api/v1/teams/{team} - one team by slug or id (a team key: only its own).
import { getTeam } from "@/lib/teams/get-team";
import { getTeamOperation } from "@/lib/management/operations/teams";
import { toTeamResponse } from "@/lib/management/schemas/teams";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(getTeamOperation, async ({ team, respond }) => {
  return respond(toTeamResponse(await getTeam(team.id)));
});
