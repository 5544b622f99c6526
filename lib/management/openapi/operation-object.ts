// One OperationSpec -> an OpenAPI operation object: parameters (path, query, headers), request
// body, the documented success response and every problem+json error it can answer.
import type { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { OperationSpec } from "@/lib/management/define-operation";
import { schemaRef, toInlineSchema, type ComponentNames, type JsonSchema } from "@/lib/management/openapi/component-schemas";

const ERROR_DESCRIPTIONS: Partial<Record<number, string>> = {
  400: "Malformed request: invalid JSON, query parameters or headers",
  401: "Missing, unknown, revoked or expired token",
  403: "The token may not do this (team key without `manage`, or admin-only operation)",
  404: "No such object, or not visible to this caller",
  409: "Conflicts with the current state",
  422: "The body failed validation; `errors` has a message per field",
  500: "Unexpected error; quote the requestId",
  503: "The database did not answer in time; retry after `Retry-After` seconds",
};

const ERROR_HEADERS: Partial<Record<number, JsonSchema>> = {
  401: { "WWW-Authenticate": { schema: { type: "string" }, description: '`Bearer realm="tollgate"`' } },
  503: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait before retrying" } },
};

const PROBLEM_CONTENT = { "application/problem+json": { schema: schemaRef("Problem") } };

function errorCodes(operation: OperationSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(operation.errors ?? []);
  if (operation.access !== "public") codes.add("unauthorized").add("forbidden");
  if (operation.body) codes.add("bad_request").add("validation_failed");
  if (operation.query) codes.add("bad_request");
  return [...codes, "internal_error", "service_unavailable"];
}

function parameters(operation: OperationSpec): JsonSchema[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
    description: name === "team" ? "Team slug or id" : undefined,
  }));
  const shape = (operation.query as z.ZodObject | undefined)?.shape ?? {};
  const query = Object.entries(shape).map(([name, field]) => {
    const { description, ...schema } = toInlineSchema(field as z.ZodType);
    return { name, in: "query", required: !(field as z.ZodType).safeParse(undefined).success, schema, description };
  });
  const headers = (operation.headers ?? []).map((header) => ({ ...header, in: "header", required: false, schema: { type: "string" } }));
  return [...path, ...query, ...headers];
}

function responses(operation: OperationSpec, names: ComponentNames): JsonSchema {
  const result: JsonSchema = {
    [operation.response.status]: {
      description: operation.response.description,
      content: { "application/json": { schema: schemaRef(names.response.get(operation)!) } },
    },
  };
  for (const code of errorCodes(operation)) {
    const status = ERROR_STATUS[code];
    const headers = ERROR_HEADERS[status];
    result[status] ??= { description: ERROR_DESCRIPTIONS[status] ?? code, headers, content: PROBLEM_CONTENT };
  }
  // Linters want a client error on every operation; one that refuses nothing (the public document)
  // documents the range, whose shape is the API's one error shape.
  if (!Object.keys(result).some((status) => status.startsWith("4"))) {
    result["4XX"] = { description: "None expected: this operation refuses no request of its own", content: PROBLEM_CONTENT };
  }
  return result;
}

const SECURITY = { admin: [{ adminToken: [] }], any: [{ adminToken: [] }, { teamKey: [] }], public: [] };

export function operationObject(operation: OperationSpec, names: ComponentNames): JsonSchema {
  const requestName = names.request.get(operation);
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.description,
    security: SECURITY[operation.access],
    parameters: parameters(operation),
    requestBody: requestName ? { required: true, content: { "application/json": { schema: schemaRef(requestName) } } } : undefined,
    responses: responses(operation, names),
  };
}
