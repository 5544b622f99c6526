// Catalog operations of the management API.
import { createApiSchema, updateApiSchema } from "@/lib/catalog/api-schemas";
import { defineOperation } from "@/lib/management/define-operation";
import { apiListSchema, apiSchema } from "@/lib/management/schemas/apis";

export const listApisOperation = defineOperation({
  operationId: "listApis",
  method: "GET",
  path: "/api/v1/apis",
  tag: "APIs",
  summary: "List APIs",
  description: "The admin token sees every API; a team key sees published and deprecated public APIs and private ones its team subscribes to.",
  access: "any",
  response: { status: 200, description: "The APIs with their plans", schema: apiListSchema },
});

export const createApiOperation = defineOperation({
  operationId: "createApi",
  method: "POST",
  path: "/api/v1/apis",
  tag: "APIs",
  summary: "Create an API with its plans",
  description: "Creates the API and every plan in one transaction. `upstreamCredential` is stored encrypted and never returned.",
  access: "admin",
  body: createApiSchema,
  response: { status: 201, description: "The created API", schema: apiSchema },
  errors: ["conflict"],
});

export const getApiOperation = defineOperation({
  operationId: "getApi",
  method: "GET",
  path: "/api/v1/apis/{slug}",
  tag: "APIs",
  summary: "Get an API with its plans",
  access: "any",
  response: { status: 200, description: "The API", schema: apiSchema },
  errors: ["not_found"],
});

export const updateApiOperation = defineOperation({
  operationId: "updateApi",
  method: "PATCH",
  path: "/api/v1/apis/{slug}",
  tag: "APIs",
  summary: "Change an API, its status or its plans",
  description: "Status moves DRAFT -> PUBLISHED -> DEPRECATED -> RETIRED (a deprecation can be undone). Plans are matched by slug: known slugs are updated, new slugs are created.",
  access: "admin",
  body: updateApiSchema,
  response: { status: 200, description: "The updated API", schema: apiSchema },
  errors: ["not_found", "conflict"],
});
