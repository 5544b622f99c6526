// What a Tollgate MCP tool is: the definition clients see in tools/list, and what a call of it does
// (an operation of an API's document, the generic call of an API without one, a chat with an AI
// API's models, or one of the built-in tools).
import type { JsonSchema } from "@/lib/mcp/json-schema";

export type ToolDefinition = {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonSchema & { type: "object" };
  outputSchema?: JsonSchema & { type: "object" };
  annotations: { title?: string; readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
};

export type ParameterBinding = { arg: string; name: string; in: "path" | "query" | "header" };
/** the argument that carries the request body, and how it is sent */
export type BodyBinding = { arg: string; contentType: string; json: boolean };

export type ToolBinding =
  | {
      kind: "operation";
      apiSlug: string;
      method: string;
      path: string;
      params: ParameterBinding[];
      body: BodyBinding | null;
      /** the success schema is not an object: the answer travels as `{ result }` */
      wrapsResult: boolean;
    }
  | { kind: "generic"; apiSlug: string }
  | { kind: "ai-chat"; apiSlug: string }
  | { kind: "builtin"; builtin: "balance" | "usage" };

export type Tool = { definition: ToolDefinition; binding: ToolBinding };

/**
 * The shape of every isError result's structuredContent: the gateway's problem fields (the 402's
 * balance, price, currency and topUpUrl; the 429's retryAfterSeconds), or an upstream's status and
 * body. Tools with an outputSchema accept it beside their success shape, so a client that validates
 * structured content against the schema (the official SDKs do) can read errors too.
 */
export const TOOL_ERROR_SCHEMA = {
  type: "object",
  properties: {
    status: { type: "integer", description: "HTTP status of the call" },
    code: { type: "string", description: "Tollgate's problem code, or upstream_error for an answer of the API itself" },
    detail: { type: "string" },
    requestId: { type: "string" },
    balance: { type: "string" },
    price: { type: "string" },
    currency: { type: "string" },
    topUpUrl: { type: "string" },
    retryAfterSeconds: { type: "integer" },
    body: { description: "the API's answer (JSON, or text)" },
  },
  required: ["status", "code", "detail"],
} as const satisfies JsonSchema;

export function annotationsFor(method: string, title: string): ToolDefinition["annotations"] {
  const readOnly = method === "GET" || method === "HEAD";
  return {
    title,
    readOnlyHint: readOnly,
    ...(readOnly ? {} : { destructiveHint: method === "DELETE", idempotentHint: method === "PUT" }),
    openWorldHint: true,
  };
}
