// Team operations of the management API.
import { getBalance } from "@/lib/billing/get-balance";
import { toMoneyString } from "@/lib/billing/money-schemas";
import { adminCreateTeam, adminCreateTeamSchema } from "@/lib/teams/admin-create-team";
import { getTeam } from "@/lib/teams/get-team";
import { listTeams } from "@/lib/teams/list-teams";
import { defineOperation } from "@/lib/management/define-operation";
import { pageQuerySchema } from "@/lib/management/schemas/common";
import { balanceSchema, teamListSchema, teamSchema, toTeamResponse } from "@/lib/management/schemas/teams";

export const listTeamsOperation = defineOperation({
  operationId: "listTeams",
  method: "GET",
  path: "/api/v1/teams",
  tag: "Teams",
  summary: "List teams",
  description: "The admin token pages through every team; a team key gets a list with only its own team.",
  access: "any",
  query: pageQuerySchema,
  response: { status: 200, description: "A page of teams", schema: teamListSchema },
  errors: ["bad_request"],
  run: async ({ caller, query }) => {
    const where = caller.kind === "team" ? { id: caller.teamId } : {};
    const { teams, nextCursor } = await listTeams({ ...query, where });
    return { data: teams.map(toTeamResponse), nextCursor };
  },
});

export const createTeamOperation = defineOperation({
  operationId: "createTeam",
  method: "POST",
  path: "/api/v1/teams",
  tag: "Teams",
  summary: "Create a team",
  description: "`ownerEmail` must belong to an existing account, which becomes the team's owner.",
  access: "admin",
  body: adminCreateTeamSchema,
  response: { status: 201, description: "The created team", schema: teamSchema },
  errors: ["conflict"],
  run: async ({ actor, body, requestId }) => toTeamResponse(await adminCreateTeam(body, actor, requestId)),
});

export const getTeamOperation = defineOperation({
  operationId: "getTeam",
  method: "GET",
  path: "/api/v1/teams/{team}",
  tag: "Teams",
  summary: "Get a team",
  description: "By slug or id. A team key finds only its own team; any other answers 404, exactly like a team that does not exist.",
  access: "any",
  response: { status: 200, description: "The team", schema: teamSchema },
  errors: ["not_found"],
  run: async ({ team }) => toTeamResponse(await getTeam(team.id)),
});

export const getBalanceOperation = defineOperation({
  operationId: "getBalance",
  method: "GET",
  path: "/api/v1/teams/{team}/balance",
  tag: "Billing",
  summary: "Get a team's credit balance",
  description: "The prepaid credit gateway calls are charged from, right now, as a decimal string in the installation's currency.",
  access: "any",
  response: { status: 200, description: "The balance", schema: balanceSchema },
  errors: ["not_found"],
  run: async ({ team }) => {
    const { balance, currency } = await getBalance(team.id);
    return { balance: toMoneyString(balance), currency };
  },
});
