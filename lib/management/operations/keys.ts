// Team key operations of the management API.
import { createApiKey } from "@/lib/keys/create-api-key";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { updateApiKey } from "@/lib/keys/update-api-key";
import { toCreateApiKeyInput, toKeyResponses, toUpdateApiKeyInput, toWireKeyError } from "@/lib/management/api-keys";
import { defineOperation } from "@/lib/management/define-operation";
import { createdKeySchema, createKeyBodySchema, keyListSchema, keySchema, updateKeyBodySchema } from "@/lib/management/schemas/keys";

export const listKeysOperation = defineOperation({
  operationId: "listKeys",
  method: "GET",
  path: "/api/v1/teams/{team}/keys",
  tag: "Keys",
  summary: "List a team's API keys",
  description: "Keys are shown by prefix and last four characters; the full key is only ever in the create response.",
  access: "any",
  response: { status: 200, description: "The team's keys, newest first, revoked ones last", schema: keyListSchema },
  errors: ["not_found"],
  run: async ({ team }) => ({ data: await toKeyResponses(await listApiKeys(team.id)) }),
});

export const createKeyOperation = defineOperation({
  operationId: "createKey",
  method: "POST",
  path: "/api/v1/teams/{team}/keys",
  tag: "Keys",
  summary: "Create an API key for a team",
  description:
    "The full secret is in `key`, in this response only: store it now. `scopes.apis` limits the key to some APIs (by slug), `scopes.manage` lets it call this API for its own team, and `spendCap` limits what it may spend over its life.",
  access: "any",
  body: createKeyBodySchema,
  response: { status: 201, description: "The key, with the full secret in `key` (shown once)", schema: createdKeySchema },
  errors: ["not_found"],
  run: async ({ team, actor, body }) => {
    const input = await toCreateApiKeyInput(team.id, body);
    const { key, apiKey } = await createApiKey(team.id, input, actor).catch((error: unknown) => Promise.reject(toWireKeyError(error)));
    const [response] = await toKeyResponses([apiKey]);
    return { ...response!, key };
  },
});

export const updateKeyOperation = defineOperation({
  operationId: "updateKey",
  method: "PATCH",
  path: "/api/v1/teams/{team}/keys/{id}",
  tag: "Keys",
  summary: "Change a key's name, expiry or spend cap",
  description:
    "Only the fields sent change. `spendCap` raises or lowers the cap (a cap below `spent` stops the key at once) or, with null, removes it; a key that gets its first cap starts counting from what it already spent. `expiresAt` null means never. Audit-logged; every instance applies it within 5 seconds, usually at once. A rotated key cannot be changed: change its replacement.",
  access: "any",
  body: updateKeyBodySchema,
  response: { status: 200, description: "The key as it is now", schema: keySchema },
  errors: ["not_found", "conflict"],
  run: async ({ team, actor, params, body }) => {
    const key = await updateApiKey(team.id, params.id, toUpdateApiKeyInput(body), actor).catch((error: unknown) =>
      Promise.reject(toWireKeyError(error)),
    );
    const [response] = await toKeyResponses([key]);
    return response!;
  },
});

export const revokeKeyOperation = defineOperation({
  operationId: "revokeKey",
  method: "DELETE",
  path: "/api/v1/teams/{team}/keys/{id}",
  tag: "Keys",
  summary: "Revoke an API key",
  description: "Takes effect at once on the instance that answers and within 5 seconds on every other instance.",
  access: "any",
  response: { status: 200, description: "The revoked key", schema: keySchema },
  errors: ["not_found"],
  run: async ({ team, actor, params }) => {
    const [response] = await toKeyResponses([await revokeApiKey(team.id, params.id, actor)]);
    return response!;
  },
});
