// GET /api/v1/teams/{team}/keys - list the team's keys; POST - create one (the full key is in this response only).
import { createApiKey } from "@/lib/keys/create-api-key";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { toCreateApiKeyInput, toKeyResponses, toWireKeyError } from "@/lib/management/api-keys";
import { createKeyOperation, listKeysOperation } from "@/lib/management/operations/keys";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(listKeysOperation, async ({ team, respond }) => {
  return respond({ data: await toKeyResponses(await listApiKeys(team.id)) });
});

export const POST = withManagementAuth(createKeyOperation, async ({ team, actor, body, respond }) => {
  const input = await toCreateApiKeyInput(team.id, body);
  const { key, apiKey } = await createApiKey(team.id, input, actor).catch((error: unknown) => Promise.reject(toWireKeyError(error)));
  const [response] = await toKeyResponses([apiKey]);
  return respond({ ...response!, key });
});
