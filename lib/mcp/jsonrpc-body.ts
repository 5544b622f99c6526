// What the MCP endpoint accepts before the SDK sees anything: a bounded body, JSON, JSON-RPC 2.0
// messages, and batches (2025-03-26 clients may send them) kept small. Each refusal is an HTTP error
// whose body is a JSON-RPC error naming the limit; nothing behind a refused body runs or is charged.
import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";

/** Documented in the README ("MCP"). */
export const MCP_LIMITS = {
  /** a request body, tool arguments included */
  maxBodyBytes: 1024 * 1024,
  /** messages in one JSON-RPC batch */
  maxBatchMessages: 10,
  /** tools/call requests in one batch (each is a metered call) */
  maxBatchToolCalls: 5,
  /** nesting of arrays and objects in a body */
  maxDepth: 64,
};

export type BodyRefusal = { status: number; code: number; message: string; id?: string | number | null };
export type BodyCheck = { ok: true; messages: unknown } | { ok: false; refusal: BodyRefusal };

const refuse = (status: number, code: number, message: string, id: string | number | null = null): BodyCheck => ({
  ok: false,
  refusal: { status, code, message, id },
});

const tooLarge = () =>
  refuse(
    413,
    ErrorCode.InvalidRequest,
    `The request body is larger than ${MCP_LIMITS.maxBodyBytes / 1024 / 1024} MiB. Send smaller tool arguments.`,
  );

export function declaredTooLarge(contentLength: string | null): BodyCheck | null {
  if (contentLength === null) return null;
  if (!/^\d+$/.test(contentLength)) return refuse(400, ErrorCode.InvalidRequest, "The Content-Length header is not a number.");
  return Number(contentLength) > MCP_LIMITS.maxBodyBytes ? tooLarge() : null;
}

/** `text` was read with a limit one byte past the maximum: `truncated` means it was over. */
export function checkJsonRpcBody(text: string, truncated: boolean): BodyCheck {
  if (truncated) return tooLarge();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse(400, ErrorCode.ParseError, "Parse error: the request body is not valid JSON.");
  }
  if (depthOver(value, MCP_LIMITS.maxDepth)) {
    return refuse(400, ErrorCode.InvalidRequest, `The request is nested more than ${MCP_LIMITS.maxDepth} levels deep.`);
  }
  const messages = Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) {
    if (value.length === 0) return refuse(400, ErrorCode.InvalidRequest, "Invalid Request: an empty batch.");
    if (value.length > MCP_LIMITS.maxBatchMessages) {
      return refuse(400, ErrorCode.InvalidRequest, `Invalid Request: a batch holds at most ${MCP_LIMITS.maxBatchMessages} messages.`);
    }
  }
  const ids = new Set<string | number>();
  let toolCalls = 0;
  for (const message of messages) {
    const parsed = JSONRPCMessageSchema.safeParse(message);
    const id = idOf(message);
    if (!parsed.success) {
      return refuse(400, ErrorCode.InvalidRequest, "Invalid Request: not a JSON-RPC 2.0 request, notification or response.", id);
    }
    if (id !== null && "method" in parsed.data) {
      // Answers are matched to requests by id: two requests with one id could never both be answered.
      if (ids.has(id))
        return refuse(400, ErrorCode.InvalidRequest, `Invalid Request: the id ${JSON.stringify(id)} is used twice in one batch.`, id);
      ids.add(id);
    }
    if ("method" in parsed.data && parsed.data.method === "tools/call") toolCalls++;
  }
  if (toolCalls > MCP_LIMITS.maxBatchToolCalls) {
    return refuse(
      400,
      ErrorCode.InvalidRequest,
      `Invalid Request: a batch holds at most ${MCP_LIMITS.maxBatchToolCalls} tools/call requests.`,
    );
  }
  return { ok: true, messages: value };
}

function idOf(message: unknown): string | number | null {
  const id = typeof message === "object" && message !== null ? (message as { id?: unknown }).id : undefined;
  return typeof id === "string" || typeof id === "number" ? id : null;
}

/** Iterative, so a body nested a million deep cannot overflow the stack here. */
function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
