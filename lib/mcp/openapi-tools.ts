// One tool per operation of an API's OpenAPI document: the name from the slug and the operationId,
// the title and description from the summary and description, the input from the path, query and
// header parameters and the JSON request body, the output from the first 2xx JSON response, the
// annotations from the method. An API without a document (or without operations) gets one generic
// tool that takes the method, path, query and body.
import { isDroppedRequestHeader } from "@/lib/gateway/headers";
import { dereference, describesObject, toJsonSchema, SCHEMA_NODE_BUDGET, type JsonSchema } from "@/lib/mcp/json-schema";
import { toolNameFor, ToolNames } from "@/lib/mcp/tool-names";
import {
  annotationsFor,
  TOOL_ERROR_SCHEMA,
  type BodyBinding,
  type ParameterBinding,
  type Tool,
  type ToolDefinition,
} from "@/lib/mcp/tool-model";

type Document = Record<string, unknown>;
export type ToolApi = { slug: string; name: string; summary: string };

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
/** Descriptions beyond this are cut: every client sends tool lists to its model, and length costs. */
export const TOOL_DESCRIPTION_MAX = 2_000;
/** Operations per API that become tools; a document with more gets the first ones, in document order. */
export const MAX_TOOLS_PER_API = 200;
/** Credentials and framing are the gateway's: such header parameters are not offered as arguments. */
const CALLER_HEADERS = new Set(["authorization", "x-api-key", "content-type", "content-length", "accept", "cookie"]);

export function buildApiTools(api: ToolApi, document: Document | null): Tool[] {
  const names = new ToolNames();
  const tools: Tool[] = [];
  const paths = document && isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = dereference(document!, rawItem);
    if (!item || !path.startsWith("/")) continue;
    for (const method of METHODS) {
      const operation = dereference(document!, item[method]);
      if (!operation || tools.length >= MAX_TOOLS_PER_API) continue;
      tools.push(operationTool(api, document!, names, method.toUpperCase(), path, item, operation));
    }
  }
  return tools.length > 0 ? tools : [genericTool(api, names)];
}

function operationTool(
  api: ToolApi,
  document: Document,
  names: ToolNames,
  method: string,
  path: string,
  item: Record<string, unknown>,
  operation: Record<string, unknown>,
): Tool {
  const operationId = typeof operation.operationId === "string" ? operation.operationId : null;
  const name = names.claim(toolNameFor(api.slug, operationId, method, path));
  const summary = text(operation.summary);
  const title = summary || `${method} ${path}`;
  const budget = { nodes: SCHEMA_NODE_BUDGET };

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const params: ParameterBinding[] = [];
  // Operation parameters override path-level ones with the same name and location.
  const declared = new Map<string, Record<string, unknown>>();
  for (const raw of [...list(item.parameters), ...list(operation.parameters)]) {
    const parameter = dereference(document, raw);
    if (!parameter || typeof parameter.name !== "string" || !parameter.name) continue;
    declared.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  for (const parameter of declared.values()) {
    const where = parameter.in;
    const paramName = parameter.name as string;
    if (where !== "path" && where !== "query" && where !== "header") continue; // cookies are the caller's business
    if (where === "header" && (CALLER_HEADERS.has(paramName.toLowerCase()) || isDroppedRequestHeader(paramName.toLowerCase()))) continue;
    if (where === "path" && !path.includes(`{${paramName}}`)) continue;
    const arg = properties[paramName] === undefined ? paramName : `${where}_${paramName}`;
    const schema = parameterSchema(document, parameter, budget);
    properties[arg] = schema;
    if (parameter.required === true || where === "path") required.push(arg);
    params.push({ arg, name: paramName, in: where });
  }

  let body: BodyBinding | null = null;
  const requestBody = dereference(document, operation.requestBody);
  if (requestBody && isObject(requestBody.content)) {
    const [contentType, media] = pickContent(requestBody.content);
    if (contentType) {
      const arg = properties.body === undefined ? "body" : "requestBody";
      const json = isJsonType(contentType);
      const schema = json
        ? toJsonSchema(document, dereference(document, media)?.schema, budget)
        : { type: "string", description: `The request body, sent as ${contentType}.` };
      if (typeof requestBody.description === "string" && schema.description === undefined) schema.description = requestBody.description;
      properties[arg] = schema;
      if (requestBody.required === true) required.push(arg);
      body = { arg, contentType, json };
    }
  }

  const success = successSchema(document, operation, budget);
  const wrapsResult = success !== null && !describesObject(success);
  const definition: ToolDefinition = {
    name,
    title,
    description: describe(api, method, path, summary, text(operation.description)),
    inputSchema: { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false },
    annotations: annotationsFor(method, title),
  };
  if (success) {
    const shape = wrapsResult ? { type: "object", properties: { result: success }, required: ["result"] } : success;
    definition.outputSchema = { type: "object", anyOf: [shape, TOOL_ERROR_SCHEMA] };
  }
  return { definition, binding: { kind: "operation", apiSlug: api.slug, method, path, params, body, wrapsResult } };
}

function parameterSchema(document: Document, parameter: Record<string, unknown>, budget: { nodes: number }): JsonSchema {
  let source = parameter.schema;
  // A parameter described by `content` (rare): its one media type's schema.
  if (source === undefined && isObject(parameter.content)) source = dereference(document, pickContent(parameter.content)[1])?.schema;
  const schema = toJsonSchema(document, source ?? { type: "string" }, budget);
  const description = text(parameter.description);
  if (description && schema.description === undefined) schema.description = description;
  return schema;
}

function successSchema(document: Document, operation: Record<string, unknown>, budget: { nodes: number }): JsonSchema | null {
  if (!isObject(operation.responses)) return null;
  const codes = Object.keys(operation.responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort();
  for (const code of codes) {
    const response = dereference(document, operation.responses[code]);
    if (!response || !isObject(response.content)) continue;
    const entry = Object.entries(response.content).find(([type]) => isJsonType(type));
    const schema = entry && dereference(document, entry[1])?.schema;
    if (schema !== undefined) return toJsonSchema(document, schema, budget);
  }
  return null;
}

/** JSON first, then any other declared type (form posts and text travel as a string). */
function pickContent(content: Record<string, unknown>): [string | null, unknown] {
  const entries = Object.entries(content);
  const json = entries.find(([type]) => isJsonType(type));
  const chosen = json ?? entries.find(([type]) => !type.includes("*") && !type.startsWith("multipart/")) ?? null;
  return chosen ? [chosen[0], chosen[1]] : [null, undefined];
}

export function isJsonType(contentType: string): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

function describe(api: ToolApi, method: string, path: string, summary: string, description: string): string {
  const lines = [summary, description].filter(Boolean).join("\n\n");
  const about = lines.length > TOOL_DESCRIPTION_MAX ? `${lines.slice(0, TOOL_DESCRIPTION_MAX - 1)}…` : lines;
  return `${about ? `${about}\n\n` : ""}${method} ${path} of ${api.name}. Each call is charged from your team's credit at your plan's price.`;
}

function genericTool(api: ToolApi, names: ToolNames): Tool {
  const name = names.claim(toolNameFor(api.slug, "request", "", ""));
  const title = `Call ${api.name}`;
  return {
    definition: {
      name,
      title,
      description:
        `${api.summary ? `${api.summary}\n\n` : ""}${api.name} publishes no OpenAPI document: this tool sends any HTTP request to it. ` +
        `Give the method, the path under the API (e.g. /items/42), an optional query and an optional JSON body. ` +
        `Each call is charged from your team's credit at your plan's price.`,
      inputSchema: {
        type: "object",
        properties: {
          method: { type: "string", enum: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], default: "GET" },
          path: { type: "string", pattern: "^/[^?#\\s\\\\]*$", maxLength: 2048, description: "Path under the API, starting with /" },
          query: { type: "object", additionalProperties: { type: "string" }, description: "Query parameters" },
          body: { description: "JSON request body (POST, PUT, PATCH)" },
        },
        required: ["path"],
        additionalProperties: false,
      },
      annotations: { title, openWorldHint: true },
    },
    binding: { kind: "generic", apiSlug: api.slug },
  };
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
