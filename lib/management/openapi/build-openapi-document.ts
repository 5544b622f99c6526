// The OpenAPI 3.1 document of /api/v1, generated from the same operation list and zod schemas the
// routes enforce, so the description cannot drift from the behaviour.
import { appUrl } from "@/lib/env";
import type { OperationSpec } from "@/lib/management/define-operation";
import { buildComponentSchemas, type JsonSchema } from "@/lib/management/openapi/component-schemas";
import { operationObject } from "@/lib/management/openapi/operation-object";
import { OPERATION_TAGS } from "@/lib/management/operation-tags";

const DESCRIPTION = `Provision Tollgate from machines: APIs and plans, teams, credit, subscriptions, keys and usage.

Authenticate with \`Authorization: Bearer <token>\`: the platform admin token (TOLLGATE_ADMIN_TOKEN) reaches everything; a team API key with the \`manage\` scope reaches its own team only. Amounts are decimal strings in the installation's currency, never JSON numbers. Errors are RFC 9457 problem+json with a \`code\` and a \`requestId\`.`;

const SECURITY_SCHEMES = {
  adminToken: { type: "http", scheme: "bearer", description: "The platform admin token (TOLLGATE_ADMIN_TOKEN)" },
  teamKey: { type: "http", scheme: "bearer", description: "A team API key (`tg_live_…` / `tg_test_…`) with the `manage` scope" },
};

// Each installation runs its own copy: whoever runs it is who to ask, on its own terms.
const contact = () => ({ name: "The platform administrators of this installation", url: appUrl() });
const LICENSE = { name: "Proprietary: the terms of this installation", identifier: "LicenseRef-Proprietary" };

export function buildOpenApiDocument(operations: readonly OperationSpec[]): JsonSchema {
  const { schemas, names } = buildComponentSchemas(operations);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method.toLowerCase()] = operationObject(operation, names);
  }
  // JSON.stringify drops the `undefined` optional members (description, requestBody…).
  return JSON.parse(
    JSON.stringify({
      openapi: "3.1.0",
      info: { title: "Tollgate management API", version: "1.0.0", description: DESCRIPTION, contact: contact(), license: LICENSE },
      servers: [{ url: appUrl(), description: "This installation" }],
      tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name, description: OPERATION_TAGS[name] })),
      paths,
      components: { securitySchemes: SECURITY_SCHEMES, schemas },
    }),
  );
}
