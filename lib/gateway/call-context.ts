// What the gateway knows about one call as it passes the checks; becomes its usage event.
import type { ResolvedKey } from "@/lib/gateway/key-cache";
import type { RoutedApi, RoutedPlan } from "@/lib/gateway/route-cache";
import type { GatewayTarget } from "@/lib/gateway/upstream-url";
import type { HeaderList } from "@/lib/gateway/headers";
import type { RateLimitDecision } from "@/lib/gateway/rate-limiter";
import type { UpstreamTiming } from "@/lib/gateway/forward";
import { recordUsage } from "@/lib/gateway/usage-recorder";
import { TRACE_ATTRIBUTES, endCallSpan, type Span } from "@/lib/tracing/spans";

export type CallContext = {
  requestId: string;
  url: URL;
  startedAt: number;
  receivedAt: Date;
  method: string;
  /** path after the API slug, without the query: kept in usage, never with the query string */
  path: string;
  target?: GatewayTarget;
  /** the caller's headers, read once: iterating a Headers object is not cheap */
  headerList?: HeaderList;
  key?: ResolvedKey;
  api?: RoutedApi;
  plan?: RoutedPlan;
  rateLimit?: RateLimitDecision;
  charged: bigint;
  refunded: bigint;
  balanceAfter?: bigint;
  /** a tool call of the MCP server: its usage event records channel `mcp` and this tool name */
  mcpTool?: string;
  /** the call's trace span (lib/tracing), only while tracing is on; ended with the usage event */
  span?: Span;
} & UpstreamTiming;

export function newCallContext(requestId: string, method: string, rawUrl: string | URL): CallContext {
  const url = typeof rawUrl === "string" ? new URL(rawUrl) : rawUrl;
  const pathname = url.pathname;
  return {
    requestId,
    url,
    startedAt: performance.now(),
    receivedAt: new Date(),
    method,
    path: pathname.replace(/^\/api\/gateway\/[^/]*/, "") || "/",
    charged: 0n,
    refunded: 0n,
  };
}

/** Paths are kept in usage (and open calls) up to this length. */
export const USAGE_PATH_MAX = 2048;

export function recordCall(
  call: CallContext,
  outcome: { status: number; errorCode?: string | null; bytesIn?: number; bytesOut?: number },
): void {
  recordUsage({
    requestId: call.requestId,
    teamId: call.key?.teamId ?? null,
    apiKeyId: call.key?.id ?? null,
    apiId: call.api?.id ?? null,
    method: call.method,
    path: call.path.slice(0, USAGE_PATH_MAX),
    status: outcome.status,
    errorCode: outcome.errorCode ?? null,
    latencyMs: Math.round(performance.now() - call.startedAt),
    bytesIn: outcome.bytesIn ?? 0,
    bytesOut: outcome.bytesOut ?? 0,
    charged: call.charged,
    refunded: call.refunded,
    createdAt: call.receivedAt,
    mcpTool: call.mcpTool,
    apiSlug: call.api?.slug,
    overheadMs: call.upstreamSentAt === undefined ? undefined : call.upstreamSentAt - call.startedAt,
    upstreamMs: call.upstreamHeadAt === undefined ? undefined : call.upstreamHeadAt - call.upstreamSentAt!,
  });
  if (call.span) endTracedCall(call, call.span, outcome.status, outcome.errorCode);
}

function endTracedCall(call: CallContext, span: Span, status: number, errorCode: string | null | undefined): void {
  if (call.api) span.setAttribute(TRACE_ATTRIBUTES.apiSlug, call.api.slug);
  span.setAttribute(TRACE_ATTRIBUTES.charged, Number(call.charged));
  span.setAttribute(TRACE_ATTRIBUTES.refunded, Number(call.refunded));
  endCallSpan(span, status, errorCode);
}
