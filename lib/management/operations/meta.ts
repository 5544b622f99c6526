// The document that describes all the other operations.
import { z } from "zod";
import { defineOperation } from "@/lib/management/define-operation";

export const openApiDocumentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

export const getOpenApiOperation = defineOperation({
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "Meta",
  summary: "This OpenAPI 3.1 document",
  access: "public",
  response: { status: 200, description: "The OpenAPI document of the management API", schema: openApiDocumentSchema },
});
