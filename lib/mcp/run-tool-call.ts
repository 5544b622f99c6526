// A tools/call: the arguments checked against the tool's schema (a mismatch is a JSON-RPC error and
// nothing is charged), then one HTTP call built from them and run through the gateway core with the
// caller's key (handleGatewayRequest, like the try-it console), so the scopes, subscription, rate
// limit, charge, refund and usage event are exactly a gateway call's; the usage event names the tool.
// AI chat tools go through the AI gateway core the same way. Built-in tools read the team's own data.
import { McpError, ErrorCode, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { isDroppedRequestHeader } from "@/lib/gateway/headers";
import { AI_PATH_PREFIX, handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { readLimited } from "@/lib/http/read-limited";
import { appUrl } from "@/lib/env";
import { teamBalance, teamUsage } from "@/lib/mcp/builtin-tools";
import { schemaMismatch } from "@/lib/mcp/schema-validator";
import { answerResult, errorResult, MCP_ANSWER_MAX_BYTES, refusalResult, type ReadAnswer } from "@/lib/mcp/tool-results";
import type { McpCaller } from "@/lib/mcp/resolve-mcp-caller";
import type { Tool, ToolBinding } from "@/lib/mcp/tool-model";

export type ClientInfo = { ip: string | null; proto: string; host: string };
type Arguments = Record<string, unknown>;
type HttpCall = { method: string; path: string; query: URLSearchParams; headers: Headers; body?: string };

export async function runToolCall(
  caller: McpCaller,
  tool: Tool,
  args: Arguments,
  client: ClientInfo,
  signal: AbortSignal,
): Promise<CallToolResult> {
  const mismatch = schemaMismatch(tool.definition.inputSchema, args);
  if (mismatch) throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for tool ${tool.definition.name}: ${mismatch}`);
  const { binding } = tool;
  if (binding.kind === "builtin") {
    const data = binding.builtin === "balance" ? await teamBalance(caller) : await teamUsage(caller);
    return { content: [{ type: "text", text: JSON.stringify(data) }], structuredContent: data };
  }
  if (binding.kind === "ai-chat") return runAiChat(caller, tool, args, signal);

  const call = httpCallFor(binding, args);
  const origin = new URL(appUrl()).origin;
  const prefix = `/api/gateway/${binding.apiSlug}`;
  const url = new URL(`${origin}${prefix}${call.path === "/" ? "" : call.path}`);
  // The URL parser resolves dot segments: whatever comes out must still be a call to this API.
  if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) {
    throw new McpError(ErrorCode.InvalidParams, `Invalid arguments for tool ${tool.definition.name}: the path must stay inside the API.`);
  }
  url.search = call.query.toString();
  if (call.body !== undefined) call.headers.set("content-length", String(Buffer.byteLength(call.body)));
  const request = new Request(url, { method: call.method, headers: call.headers, body: call.body, signal });
  const response = await handleGatewayRequest(request, client, { authenticatedKey: caller.key, mcpTool: tool.definition.name });
  const answer = await readAnswer(response);
  // X-Credit-Charged goes out only with an answer the API gave; Tollgate's own refusals lack it.
  if (!response.headers.has("x-credit-charged")) return refusalResult(answer);
  const { outputSchema } = tool.definition;
  return answerResult(answer, {
    wrapsResult: binding.kind === "operation" && binding.wrapsResult,
    validate: outputSchema ? (value) => schemaMismatch(outputSchema, value) : undefined,
  });
}

async function readAnswer(response: Response): Promise<ReadAnswer> {
  const read = await readLimited(response.body, MCP_ANSWER_MAX_BYTES).catch(() => null);
  if (!read) {
    // The API broke its answer off midway: the gateway recorded it and, by default, refunded it.
    const text = "(The API broke off its answer before the end. Under the default charge policy the call was refunded.)";
    return { status: response.status, statusText: response.statusText, headers: response.headers, text, cut: true, bytes: 0 };
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    text: new TextDecoder().decode(read.bytes),
    cut: read.truncated,
    bytes: read.bytes.byteLength,
  };
}

const asText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

function httpCallFor(binding: Exclude<ToolBinding, { kind: "builtin" | "ai-chat" }>, args: Arguments): HttpCall {
  const headers = new Headers();
  const query = new URLSearchParams();
  if (binding.kind === "generic") {
    const method = typeof args.method === "string" ? args.method : "GET";
    for (const [name, value] of Object.entries((args.query as Record<string, string> | undefined) ?? {})) query.append(name, value);
    const hasBody = args.body !== undefined && !["GET", "HEAD"].includes(method);
    if (hasBody) headers.set("content-type", "application/json");
    return { method, path: String(args.path), query, headers, body: hasBody ? JSON.stringify(args.body) : undefined };
  }
  let path = binding.path;
  for (const param of binding.params) {
    const value = args[param.arg];
    if (value === undefined) continue;
    if (param.in === "path") path = path.split(`{${param.name}}`).join(encodeURIComponent(asText(value)));
    else if (param.in === "query") for (const item of Array.isArray(value) ? value : [value]) query.append(param.name, asText(item));
    else if (!isDroppedRequestHeader(param.name.toLowerCase())) headers.set(param.name, asText(value).replace(/[\r\n\0]/g, " "));
  }
  let body: string | undefined;
  if (binding.body && args[binding.body.arg] !== undefined) {
    const value = args[binding.body.arg];
    body = binding.body.json ? JSON.stringify(value) : asText(value);
    headers.set("content-type", binding.body.contentType);
  }
  if (binding.method !== "HEAD") headers.set("accept", "application/json, */*;q=0.5");
  return { method: binding.method, path, query, headers, body };
}

async function runAiChat(caller: McpCaller, tool: Tool, args: Arguments, signal: AbortSignal): Promise<CallToolResult> {
  const body = JSON.stringify({
    model: args.model,
    messages: args.messages,
    ...(args.max_tokens ? { max_tokens: args.max_tokens } : {}),
    stream: false,
  });
  const request = new Request(`${new URL(appUrl()).origin}${AI_PATH_PREFIX}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
    body,
    signal,
  });
  const response = await handleAiRequest(request, { presetKey: caller.key, signal, mcpTool: tool.definition.name });
  const answer = await readAnswer(response);
  if (response.status !== 200) return refusalResult(answer);
  try {
    const completion = JSON.parse(answer.text) as {
      model: string;
      choices: { message?: { content?: string | null }; finish_reason?: string | null }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    const choice = completion.choices[0];
    const data = {
      model: completion.model,
      content: choice?.message?.content ?? "",
      finishReason: choice?.finish_reason ?? null,
      usage: { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 },
    };
    return { content: [{ type: "text", text: data.content }], structuredContent: data };
  } catch {
    return errorResult(
      `The AI gateway's answer could not be read as a chat completion.`,
      { status: 502, code: "unexpected_answer", detail: "unreadable completion" },
      answer,
    );
  }
}
