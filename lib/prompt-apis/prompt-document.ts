// The generated OpenAPI document is stored on the API row whenever the definition or the API's
// description changes, so every reader of an API's document (the catalog page, the reference,
// try-it, the MCP server, the management API) gets it exactly as it gets an uploaded one.
import type { Prisma } from "@/lib/db";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { promptApiOpenApiDocument, type PromptApiDescription } from "@/lib/prompt-apis/openapi";

export function storedPromptDocument(api: PromptApiDescription, definition: PromptDefinition): Prisma.InputJsonValue {
  return promptApiOpenApiDocument(api, definition) as Prisma.InputJsonValue;
}
