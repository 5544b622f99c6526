// The MCP endpoint, independent of Next.js like the gateway: a web Request in, a web Response out.
// `/api/mcp` serves every API the caller's team may call, `/api/mcp/{api}` one API. Streamable HTTP
// as the specification defines it, stateless: every POST gets a new SDK server and transport
// (WebStandardStreamableHTTPServerTransport, no session id), so any instance answers any request.
// Before the SDK: the path, the method (POST only; there is no stream to GET and no session to
// DELETE), the Origin (DNS rebinding), no key in the URL, the caller, and a bounded, well-formed body.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { appUrl, gatewayUrl } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { SERVICE_UNAVAILABLE_HEADERS } from "@/lib/errors";
import { keyInQuery } from "@/lib/http/key-in-query";
import { readLimited } from "@/lib/http/read-limited";
import { MCP_LIMITS, checkJsonRpcBody, declaredTooLarge, type BodyRefusal } from "@/lib/mcp/jsonrpc-body";
import { resolveMcpCaller } from "@/lib/mcp/resolve-mcp-caller";
import { keyReaches, listCallableApis } from "@/lib/mcp/caller-tools";
import { createMcpServer } from "@/lib/mcp/mcp-server";
import type { ClientInfo } from "@/lib/mcp/run-tool-call";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("mcp");

export const MCP_PATH_PREFIX = "/api/mcp";
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `/api/mcp` -> null, `/api/mcp/{slug}` -> the slug, anything else -> undefined (not ours). */
export function mcpApiSlug(pathname: string): string | null | undefined {
  const path = pathname.replace(/\/$/, "");
  if (path === MCP_PATH_PREFIX) return null;
  const rest = path.startsWith(`${MCP_PATH_PREFIX}/`) ? path.slice(MCP_PATH_PREFIX.length + 1) : undefined;
  return rest !== undefined && SLUG.test(rest) ? rest : undefined;
}

function rpcError(refusal: BodyRefusal, headers: Record<string, string> = {}): Response {
  const body = { jsonrpc: "2.0", id: refusal.id ?? null, error: { code: refusal.code, message: refusal.message } };
  return new Response(JSON.stringify(body), {
    status: refusal.status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** Browsers send Origin; a page of another site must not reach the endpoint through the user's network (DNS rebinding). */
function allowedOrigin(origin: string | null): boolean {
  if (origin === null) return true;
  return origin === new URL(appUrl()).origin || origin === new URL(gatewayUrl()).origin;
}

export async function handleMcpRequest(request: Request, client: ClientInfo): Promise<Response> {
  const url = new URL(request.url);
  const apiSlug = mcpApiSlug(url.pathname);
  if (apiSlug === undefined) {
    return rpcError({
      status: 404,
      code: ErrorCode.InvalidRequest,
      message: `There is no MCP server at ${url.pathname}. Use ${MCP_PATH_PREFIX} or ${MCP_PATH_PREFIX}/{api}.`,
    });
  }
  if (request.method !== "POST") {
    const message =
      "This MCP server is stateless: send every JSON-RPC message with POST (there is no event stream to GET and no session to DELETE).";
    return rpcError({ status: 405, code: ErrorCode.InvalidRequest, message }, { allow: "POST" });
  }
  if (!allowedOrigin(request.headers.get("origin"))) {
    return rpcError({ status: 403, code: ErrorCode.InvalidRequest, message: "Forbidden: requests from this Origin are not accepted." });
  }
  if (keyInQuery(url.search)) {
    const message = "Never put an API key in the URL; send it in the Authorization header, and rotate this key.";
    return rpcError({ status: 400, code: ErrorCode.InvalidRequest, message });
  }
  try {
    return await serve(request, apiSlug, client);
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      const message = "Tollgate's database did not answer in time. Retry in a few seconds.";
      return rpcError({ status: 503, code: ErrorCode.InternalError, message }, SERVICE_UNAVAILABLE_HEADERS);
    }
    log.error({ err: error }, "MCP request failed");
    return rpcError({ status: 500, code: ErrorCode.InternalError, message: "Something went wrong on our side. Try again." });
  }
}

async function serve(request: Request, apiSlug: string | null, client: ClientInfo): Promise<Response> {
  const auth = await resolveMcpCaller(request, apiSlug);
  if (!auth.ok) {
    const { failure } = auth;
    return rpcError(
      { status: failure.status, code: ErrorCode.InvalidRequest, message: failure.message },
      { "www-authenticate": failure.wwwAuthenticate },
    );
  }
  const { caller } = auth;

  const declared = declaredTooLarge(request.headers.get("content-length"));
  if (declared && !declared.ok) return rpcError(declared.refusal);
  const read = await readLimited(request.body, MCP_LIMITS.maxBodyBytes + 1);
  const body = checkJsonRpcBody(new TextDecoder().decode(read.bytes), read.truncated);
  if (!body.ok) return rpcError(body.refusal);

  if (apiSlug !== null && (await listCallableApis(caller.teamId, apiSlug, keyReaches(caller))).length === 0) {
    const message = `Your team cannot call an API "${apiSlug}" with this key: it does not exist, is retired, is not in the key's scopes, or your team has no active subscription to it. See ${appUrl()}/${caller.teamSlug}/catalog.`;
    return rpcError({ status: 404, code: ErrorCode.InvalidRequest, message });
  }

  const server = createMcpServer(caller, apiSlug, client, request.signal);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(request, { parsedBody: body.messages });
    response.headers.set("cache-control", "no-store");
    return response;
  } finally {
    await server.close();
  }
}
