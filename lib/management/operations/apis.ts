// Catalog operations of the management API.
import { createApiSchema, updateApiSchema } from "@/lib/catalog/api-schemas";
import { createApi } from "@/lib/catalog/create-api";
import { getApi } from "@/lib/catalog/get-api";
import { listApis } from "@/lib/catalog/list-apis";
import { updateApi } from "@/lib/catalog/update-api";
import { defineOperation } from "@/lib/management/define-operation";
import { apiListSchema, apiSchema, toApiResponse } from "@/lib/management/schemas/apis";

export const listApisOperation = defineOperation({
  operationId: "listApis",
  method: "GET",
  path: "/api/v1/apis",
  tag: "APIs",
  summary: "List APIs",
  description:
    "The admin token sees every API; a team key sees published and deprecated public APIs and private ones its team subscribes to.",
  access: "any",
  response: { status: 200, description: "The APIs with their plans", schema: apiListSchema },
  run: async ({ caller }) => ({ data: (await listApis(caller)).map((api) => toApiResponse(api, caller)) }),
});

export const createApiOperation = defineOperation({
  operationId: "createApi",
  method: "POST",
  path: "/api/v1/apis",
  tag: "APIs",
  summary: "Create an API with its plans",
  description:
    "Creates the API and every plan in one transaction. `upstreamCredential` is stored encrypted and never returned. The upstream must be an http(s) URL on a public address (unless the server allows private upstreams); the OpenAPI document must be valid OpenAPI 3.0 or 3.1 (problems come back in `errors` by JSON pointer, e.g. `openapi#/info`). Prices run from 0 to 100 per call. A Prompt API (`kind: PROMPT`) takes `prompt` instead of an upstream and a document: placeholders and variables must match (`errors` by field, e.g. `prompt.userTemplate`), its document is generated, it is version 1, and each plan chooses `promptPricing`.",
  access: "admin",
  body: createApiSchema,
  response: { status: 201, description: "The created API", schema: apiSchema },
  errors: ["conflict"],
  run: async ({ caller, actor, body, requestId }) => toApiResponse(await createApi(body, actor, requestId), caller, { withOpenapi: true }),
});

export const getApiOperation = defineOperation({
  operationId: "getApi",
  method: "GET",
  path: "/api/v1/apis/{slug}",
  tag: "APIs",
  summary: "Get an API with its plans",
  description:
    "The admin token finds any API; a team key finds published and deprecated public APIs and private ones its team subscribes to, and any other answers 404. Includes the API's own OpenAPI document; upstream settings are shown to the admin token only.",
  access: "any",
  response: { status: 200, description: "The API", schema: apiSchema },
  errors: ["not_found"],
  run: async ({ caller, params }) => toApiResponse(await getApi(params.slug, caller), caller, { withOpenapi: true }),
});

export const updateApiOperation = defineOperation({
  operationId: "updateApi",
  method: "PATCH",
  path: "/api/v1/apis/{slug}",
  tag: "APIs",
  summary: "Change an API, its status or its plans",
  description:
    "Status moves DRAFT -> PUBLISHED -> DEPRECATED -> RETIRED (a deprecation can be undone; retirement is final and the gateway answers 410). Deprecating may set `sunsetAt` (in the future), sent with `Deprecation` as the `Sunset` header on every gateway response. Plans are matched by slug: known slugs are updated, new slugs are created. Only what differs is written, and the audit log records it. For a Prompt API, a changed `prompt` is saved as a new version that the gateway serves from the next call (GET …/versions lists them, POST …/rollback goes back).",
  access: "admin",
  body: updateApiSchema,
  response: { status: 200, description: "The updated API", schema: apiSchema },
  errors: ["not_found", "conflict"],
  run: async ({ caller, actor, body, params, requestId }) =>
    toApiResponse(await updateApi(params.slug, body, actor, requestId), caller, { withOpenapi: true }),
});
