// The MCP server of one HTTP request: the official SDK's low-level Server (tool schemas are JSON
// Schemas from documents, not zod) with tools/list and tools/call for one caller. A new one is made
// for every request and nothing outlives it, so any instance answers any request.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { listCallerTools } from "@/lib/mcp/caller-tools";
import { runToolCall, type ClientInfo } from "@/lib/mcp/run-tool-call";
import type { McpCaller } from "@/lib/mcp/resolve-mcp-caller";
import type { Tool } from "@/lib/mcp/tool-model";
import { countToolCall } from "@/lib/metrics/gateway-metrics";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("mcp");

export const MCP_SERVER_INFO = { name: "tollgate", title: "Tollgate", version: "1.0.0" };

const INSTRUCTIONS =
  "Tools of the APIs your team subscribes to on Tollgate. Each API tool call is a metered call paid from the team's prepaid credit " +
  "(tollgate_balance shows it, tollgate_usage shows the last 24 hours). When a result says the credit does not cover a call, " +
  "tell the user to top up at the given URL; when it says a rate limit was reached, wait the given seconds before calling again.";

export function createMcpServer(caller: McpCaller, apiSlug: string | null, client: ClientInfo, requestSignal: AbortSignal): Server {
  const server = new Server(MCP_SERVER_INFO, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS });
  let tools: Promise<Tool[]> | undefined;
  const load = () => (tools ??= listCallerTools(caller, apiSlug));

  server.setRequestHandler(ListToolsRequestSchema, () => guard(async () => ({ tools: (await load()).map((tool) => tool.definition) })));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    counted(async () => {
      const { name, arguments: args = {} } = request.params;
      const tool = (await load()).find((candidate) => candidate.definition.name === name);
      if (!tool)
        throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}. Call tools/list for the tools this key or sign-in can use.`);
      return runToolCall(caller, tool, args, client, AbortSignal.any([requestSignal, extra.signal]));
    }),
  );
  return server;
}

/** A tools/call, guarded and counted by outcome in the metrics. */
async function counted(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    const result = await guard(work);
    countToolCall(result.isError ? "tool_error" : "ok");
    return result;
  } catch (error) {
    countToolCall((error as McpError).code === ErrorCode.InvalidParams ? "invalid" : "failed");
    throw error;
  }
}

/** Protocol errors pass; anything else becomes a JSON-RPC error without internals (never a 500). */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof McpError) throw error;
    if (isDatabaseUnavailable(error)) {
      throw new McpError(
        ErrorCode.InternalError,
        `Tollgate's database did not answer in time. Retry in ${SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS} s.`,
      );
    }
    log.error({ err: error }, "MCP request failed");
    throw new McpError(ErrorCode.InternalError, "Something went wrong on our side. Try again; if it persists, tell the API's provider.");
  }
}
