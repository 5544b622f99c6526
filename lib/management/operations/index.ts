// Every management API operation, and the one that describes them all: the OpenAPI document is
// built from this list. The document's own operation lives here rather than in a module of its own
// because it needs the whole list, which would make that module import itself through this one.
import { z } from "zod";
import { defineOperation, type AnyOperation } from "@/lib/management/define-operation";
import { buildOpenApiDocument } from "@/lib/management/openapi/build-openapi-document";
import * as aiModels from "@/lib/management/operations/ai-models";
import * as aiProviders from "@/lib/management/operations/ai-providers";
import * as apis from "@/lib/management/operations/apis";
import * as credits from "@/lib/management/operations/credits";
import * as keys from "@/lib/management/operations/keys";
import * as promptApis from "@/lib/management/operations/prompt-apis";
import * as subscriptions from "@/lib/management/operations/subscriptions";
import * as teams from "@/lib/management/operations/teams";
import * as usage from "@/lib/management/operations/usage";

const isOperation = (value: unknown): value is AnyOperation => typeof value === "object" && value !== null && "operationId" in value;

const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
let document: z.input<typeof openApiDocumentSchema> | undefined;

export const getOpenApiOperation = defineOperation({
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "Meta",
  summary: "This OpenAPI 3.1 document",
  description:
    "Public: no token needed. Generated from the same schemas the operations validate with, so it always describes the running server.",
  access: "public",
  response: { status: 200, description: "The OpenAPI document of the management API", schema: openApiDocumentSchema },
  // The same for the life of the process.
  run: async () => (document ??= buildOpenApiDocument(OPERATIONS) as z.input<typeof openApiDocumentSchema>),
});

export const OPERATIONS: readonly AnyOperation[] = [
  ...[apis, promptApis, aiProviders, aiModels, teams, credits, subscriptions, keys, usage].flatMap((module) =>
    Object.values(module).filter(isOperation),
  ),
  getOpenApiOperation,
];
