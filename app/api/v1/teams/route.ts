// GET /api/v1/teams - list teams (admin: all, paged; team key: its own); POST /api/v1/teams - create a team (admin).
import { adminCreateTeam } from "@/lib/teams/admin-create-team";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeamOperation, listTeamsOperation } from "@/lib/management/operations/teams";
import { toTeamResponse } from "@/lib/management/schemas/teams";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(listTeamsOperation, async ({ caller, query, respond }) => {
  const where = caller.kind === "team" ? { id: caller.teamId } : {};
  const { teams, nextCursor } = await listTeams({ ...query, where });
  return respond({ data: teams.map(toTeamResponse), nextCursor });
});

export const POST = withManagementAuth(createTeamOperation, async ({ actor, body, requestId, respond }) => {
  return respond(toTeamResponse(await adminCreateTeam(body, actor, requestId)));
});
