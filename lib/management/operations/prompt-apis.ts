// Versions of Prompt APIs (created and changed through the APIs operations with `kind: PROMPT` and
// `prompt`): list them, and roll back to one.
import { listPromptVersions } from "@/lib/prompt-apis/list-versions";
import { rollbackPromptApi } from "@/lib/prompt-apis/rollback-version";
import { defineOperation } from "@/lib/management/define-operation";
import { promptVersionListSchema, rollbackResultSchema, rollbackSchema, toVersionResponse } from "@/lib/management/schemas/prompt-apis";

export const listPromptVersionsOperation = defineOperation({
  operationId: "listPromptApiVersions",
  method: "GET",
  path: "/api/v1/apis/{slug}/versions",
  tag: "APIs",
  summary: "List a Prompt API's versions",
  description:
    "Every saved version of the prompt, newest first, with the one the gateway serves (`live`) and how many calls each served. Saving a changed `prompt` with PATCH /api/v1/apis/{slug} adds a version.",
  access: "admin",
  response: { status: 200, description: "The versions", schema: promptVersionListSchema },
  errors: ["not_found"],
  run: async ({ params }) => {
    const { live, versions } = await listPromptVersions(params.slug);
    return { live, data: versions.map(toVersionResponse) };
  },
});

export const rollbackPromptApiOperation = defineOperation({
  operationId: "rollbackPromptApi",
  method: "POST",
  path: "/api/v1/apis/{slug}/rollback",
  tag: "APIs",
  summary: "Serve an earlier version of a Prompt API",
  description:
    "The gateway serves the given version from the next call (its generated OpenAPI document follows); no version is changed or removed, so the same call rolls forward. Audit-logged with from and to.",
  access: "admin",
  body: rollbackSchema,
  response: { status: 200, description: "The version served before and now", schema: rollbackResultSchema },
  errors: ["not_found", "conflict"],
  run: async ({ actor, body, params, requestId }) => rollbackPromptApi(params.slug, body.version, actor, requestId),
});
