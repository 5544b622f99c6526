// DELETE /api/v1/teams/{team}/keys/{id} - revoke a key of the team.
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { toKeyResponses } from "@/lib/management/api-keys";
import { revokeKeyOperation } from "@/lib/management/operations/keys";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const DELETE = withManagementAuth(revokeKeyOperation, async ({ team, actor, params, respond }) => {
  const [response] = await toKeyResponses([await revokeApiKey(team.id, params.id, actor)]);
  return respond(response!);
});
