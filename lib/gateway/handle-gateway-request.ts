// The metered gateway, independent of Next.js and of the web server: an IncomingCall in, a
// GatewayAnswer out (gateway-answer.ts); handleGatewayRequest wraps it for a web Request and
// Response, node-call.ts for node:http. admitCall runs the checks and charges; this file forwards,
// refunds failed calls under the plan's charge policy, relays the response as a stream and records
// one usage event per call.
import { admitCall, payloadTooLarge } from "@/lib/gateway/admit-call";
import { newCallContext, recordCall, type CallContext } from "@/lib/gateway/call-context";
import {
  REQUEST_BODY_TIMEOUTS,
  callUpstream,
  canDecode,
  decodedBody,
  discardBody,
  methodMayHaveBody,
  readWholeBody,
  type RequestBodyTimeouts,
  type UpstreamFailure,
} from "@/lib/gateway/forward";
import { settleLater } from "@/lib/gateway/settling-calls";
import { databaseRefusal } from "@/lib/gateway/database-outage";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { callerResponseHeaders, upstreamRequestHeaders } from "@/lib/gateway/headers";
import { rateLimitHeaders } from "@/lib/gateway/rate-limiter";
import { refundCall } from "@/lib/billing/ledger/close-call";
import type { ResolvedKey } from "@/lib/gateway/key-cache";
import { upstreamUrl } from "@/lib/gateway/upstream-url";
import { gatewayLocation, isRedirect } from "@/lib/gateway/redirect-location";
import { newRequestId } from "@/lib/http/request-id";
import { gatewayAmount } from "@/lib/money";
import { apiKindHandler } from "@/lib/gateway/api-kind-handlers";
import {
  answerResponse,
  callFromRequest,
  problemAnswer,
  type GatewayAnswer,
  type IncomingCall,
  type PlainAnswer,
  type RelayResult,
} from "@/lib/gateway/gateway-answer";
import {
  SpanKind,
  TRACE_ATTRIBUTES,
  endCallSpan,
  endSpan,
  endSpanWhenSettled,
  endUpstreamSpan,
  injectTraceContext,
  startCallSpan,
  startChildSpan,
} from "@/lib/tracing/spans";
import { forCall, moduleLogger } from "@/lib/log/logger";

type ClientInfo = { ip: string | null; proto: string; host: string };

const log = moduleLogger("gateway");

type GatewayCallOptions = {
  /**
   * A key the server already picked and authenticated (lib/gateway/key-cache resolveApiKeyById), used
   * when the request carries no key: the try-it console. Every other check, the charge, the rate
   * limit and the usage record are the same as for a call with the raw key.
   */
  authenticatedKey?: ResolvedKey;
  /** how long a streamed request body may take (the node mount passes the server's; tests shorten them) */
  requestBodyTimeouts?: RequestBodyTimeouts;
  /** the MCP tool this call serves (lib/mcp), recorded with its usage event */
  mcpTool?: string;
};

/** The gateway for a web Request: the route handler under `npm run dev`, try-it, MCP tool calls. */
export async function handleGatewayRequest(request: Request, client: ClientInfo, options: GatewayCallOptions = {}): Promise<Response> {
  return answerResponse(await answerGatewayCall(callFromRequest(request), client, options));
}

export async function answerGatewayCall(
  incoming: IncomingCall,
  client: ClientInfo,
  options: GatewayCallOptions = {},
): Promise<GatewayAnswer> {
  const call = newCallContext(newRequestId(), incoming.method, incoming.url);
  if (options.mcpTool) call.mcpTool = options.mcpTool;
  // Tracing (lib/tracing): undefined spans while it is off; recordCall ends the call's span.
  call.span = startCallSpan("gateway.call", incoming.method, call.path, incoming.headers);
  call.span?.setAttribute(TRACE_ATTRIBUTES.requestId, call.requestId);
  const admission = startChildSpan(call.span, "gateway.admit");
  try {
    await admitCall(incoming.headers, call, options.authenticatedKey);
  } catch (error) {
    endSpan(admission, error);
    return refuse(call, error);
  }
  endSpan(admission);
  try {
    if (call.api?.kind === "PROMPT") return await servedByKind(incoming, call);
    return await forward(incoming, client, call, options.requestBodyTimeouts ?? REQUEST_BODY_TIMEOUTS);
  } catch (error) {
    // A failure of ours after the charge: the caller got no answer from the API, so give it back
    // (at once, or, when the database is what failed, once it answers: database-outage.ts).
    if (!isDatabaseUnavailable(error)) {
      await refund(call, "gateway error").catch((refundError) =>
        forCall(log, call).error({ err: refundError }, "refund after an error failed; reconcile by request id"),
      );
    }
    return refuse(call, error);
  }
}

/** A call that is not forwarded (a Prompt API's) goes to the handler installed for its kind. */
async function servedByKind(incoming: IncomingCall, call: CallContext): Promise<Response> {
  const handler = apiKindHandler(call.api!.kind);
  if (!handler) throw new GatewayError("service_unavailable", `"${call.api!.name}" cannot be served by this instance. Retry shortly.`);
  const response = await handler(incoming.request(), call);
  endCallSpan(call.span, response.status, null); // the handler records its usage itself, not through recordCall
  return response;
}

function refuse(call: CallContext, error: unknown): PlainAnswer {
  error = databaseRefusal(call, error) ?? error; // 503, before the usage event: an unsettled charge holds it
  if (!(error instanceof GatewayError)) {
    forCall(log, call).error({ err: error }, "unexpected error");
    error = new GatewayError("internal_error", `Something went wrong on our side. Quote request id ${call.requestId} when you contact us.`);
  }
  const refusal = error as GatewayError;
  const headers = { ...(call.rateLimit ? rateLimitHeaders(call.rateLimit) : {}), ...refusal.headers };
  const answer = problemAnswer(refusal.code, refusal.detail, call.requestId, { extra: refusal.extra, headers });
  recordCall(call, { status: answer.status, errorCode: refusal.code });
  return answer;
}

const FAILURE_ERRORS: Record<
  Exclude<UpstreamFailure, "too_large" | "client_aborted" | "client_timeout">,
  { code: "upstream_unavailable" | "upstream_timeout"; detail: string }
> = {
  unavailable: {
    code: "upstream_unavailable",
    detail: "The API's upstream server could not be reached. You were not charged; try again shortly.",
  },
  timeout: {
    code: "upstream_timeout",
    detail: "The API's upstream server did not answer in time. You were not charged; try again shortly.",
  },
  forbidden_destination: {
    code: "upstream_unavailable",
    detail:
      "The API's upstream address is not allowed (it is private, loopback or link-local). You were not charged; the API's provider must fix its upstream URL.",
  },
};

async function forward(
  incoming: IncomingCall,
  client: ClientInfo,
  call: CallContext,
  bodyTimeouts: RequestBodyTimeouts,
): Promise<GatewayAnswer> {
  // admitCall succeeded, so it filled these in.
  const { api, plan, target, headerList } = call as Required<Pick<CallContext, "api" | "plan" | "target" | "headerList">> & CallContext;
  const credential =
    api.upstreamAuthHeader && api.upstreamCredential ? { header: api.upstreamAuthHeader, value: api.upstreamCredential } : null;
  const upstreamSpan = startChildSpan(call.span, "gateway.upstream", SpanKind.CLIENT);
  const outcome = await callUpstream({
    url: upstreamUrl(api.upstreamBaseUrl, target),
    method: incoming.method,
    // The upstream's request joins the call's trace (W3C traceparent), replacing the caller's.
    headers: injectTraceContext(
      upstreamSpan,
      upstreamRequestHeaders(
        headerList,
        { clientIp: client.ip, proto: client.proto, host: client.host, requestId: call.requestId },
        credential,
        api.relayCookies,
      ),
    ),
    body: methodMayHaveBody(incoming.method) ? incoming.body() : null,
    maxRequestBytes: plan.maxRequestBytes,
    requestBodyTimeouts: bodyTimeouts,
    connectTimeoutMs: api.connectTimeoutMs,
    timeoutMs: api.timeoutMs,
    signal: incoming.signal,
    timing: call,
  });

  endUpstreamSpan(upstreamSpan, outcome.ok ? outcome.status : outcome.failure);
  if (!outcome.ok) return notAnswered(call, outcome, plan.maxRequestBytes, bodyTimeouts);

  if (!canDecode(outcome.headers["content-encoding"])) {
    discardBody(outcome.body);
    await refund(call, "upstream used an unsupported content-encoding");
    const detail = `The API's upstream answered with a content encoding the gateway cannot relay (${outcome.headers["content-encoding"]}). You were not charged.`;
    return refuse(call, new GatewayError("upstream_unavailable", detail));
  }

  if (outcome.status >= 500 && plan.chargePolicy === "REFUND_ON_UPSTREAM_FAILURE") {
    await refund(call, `upstream answered ${outcome.status}`);
  }

  // The gateway's own headers, which replace any the upstream sent under the same names.
  const own: Record<string, string> = call.rateLimit ? rateLimitHeaders(call.rateLimit) : {};
  const location = outcome.headers.location;
  if (typeof location === "string" && isRedirect(outcome.status)) {
    own.location = gatewayLocation(location, upstreamUrl(api.upstreamBaseUrl, target), api.upstreamBaseUrl, api.slug);
  }
  own["x-request-id"] = call.requestId;
  own["x-credit-charged"] = gatewayAmount(call.charged - call.refunded);
  if (call.balanceAfter !== undefined) own["x-credit-balance"] = gatewayAmount(call.balanceAfter);
  if (api.status === "DEPRECATED") {
    own.deprecation = `@${Math.floor((api.deprecatedAt ?? new Date()).getTime() / 1000)}`;
    if (api.sunsetAt) own.sunset = api.sunsetAt.toUTCString();
  }
  const cookieScope = api.relayCookies ? { slug: api.slug, upstreamBaseUrl: api.upstreamBaseUrl } : null;
  const headers = callerResponseHeaders(outcome.headers, cookieScope, own);

  const status = outcome.status;
  const noBody = incoming.method === "HEAD" || status === 204 || status === 304;
  if (noBody) {
    outcome.body.resume();
    recordCall(call, { status, bytesIn: outcome.bytesIn() });
    return { status, headers, body: null };
  }
  if (isSmallPlainBody(outcome.headers)) {
    // A small body of known length is read whole: one write to the caller instead of a stream. An
    // upstream that resets or goes silent before the end is a 502/504 then: no head has gone out.
    const read = await readWholeBody(outcome.body, incoming.signal);
    if (!read.ok) return notAnswered(call, { ...read, bytesIn: outcome.bytesIn() }, plan.maxRequestBytes, bodyTimeouts);
    recordCall(call, { status, bytesIn: outcome.bytesIn(), bytesOut: read.bytes.byteLength });
    return { status, headers, body: read.bytes };
  }
  const source = decodedBody(outcome.body, outcome.headers["content-encoding"]);
  const onEnd = ({ bytesOut, ending, error }: RelayResult) => {
    const usage = { status, bytesIn: outcome.bytesIn(), bytesOut };
    if (ending === "completed") return recordCall(call, usage);
    if (ending === "cancelled" || incoming.signal.aborted) return recordCall(call, { ...usage, errorCode: "client_closed_request" });
    // The head went out and the upstream broke the body off: the caller's stream errors (never a
    // clean end) and, under the default policy, a partial answer is not paid for.
    forCall(log, call).warn({ api: api.slug, bytesOut, reason: String(error) }, "upstream broke off the body");
    const refunded =
      plan.chargePolicy === "REFUND_ON_UPSTREAM_FAILURE" ? refund(call, "upstream broke off the response") : Promise.resolve();
    settleLater(
      refunded
        .catch((refundError) => forCall(log, call).error({ err: refundError }, "refund of an interrupted body failed"))
        .finally(() => recordCall(call, { ...usage, errorCode: "response_interrupted" })),
    );
  };
  return { status, headers, body: { source, onEnd } };
}

/** The upstream gave no complete answer, or the caller's body never came: refunded, whatever the policy. */
async function notAnswered(
  call: CallContext,
  failed: { failure: UpstreamFailure; message: string; bytesIn: number },
  maxRequestBytes: number,
  bodyTimeouts: RequestBodyTimeouts,
): Promise<PlainAnswer> {
  // The call did not complete: nothing to charge, whatever the policy (the caller got no answer).
  await refund(call, `upstream ${failed.failure}`);
  const { failure } = failed;
  if (failure === "client_aborted") {
    recordCall(call, { status: 499, errorCode: "client_closed_request", bytesIn: failed.bytesIn });
    return { status: 499, headers: [], body: null };
  }
  if (failure === "too_large") return refuse(call, payloadTooLarge(maxRequestBytes));
  if (failure === "client_timeout") {
    const detail = `Your request body stopped arriving: the gateway waits ${bodyTimeouts.idleMs / 1000} s for more of it and ${bodyTimeouts.totalMs / 1000} s for all of it. You were not charged.`;
    return refuse(call, new GatewayError("request_timeout", detail));
  }
  forCall(log, call).warn({ api: call.api?.slug, failure, reason: failed.message }, "the upstream gave no answer");
  return refuse(call, new GatewayError(FAILURE_ERRORS[failure].code, FAILURE_ERRORS[failure].detail));
}

/** Bodies up to this size with a Content-Length and no encoding are relayed in one piece. */
const SMALL_BODY_BYTES = 64 * 1024;

function isSmallPlainBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = Number(headers["content-length"]);
  const encoding = headers["content-encoding"];
  return Number.isInteger(length) && length <= SMALL_BODY_BYTES && (encoding === undefined || encoding === "identity");
}

async function refund(call: CallContext, reason: string): Promise<void> {
  if (call.charged === 0n || call.refunded > 0n || !call.key || !call.api) return;
  const settle = startChildSpan(call.span, "gateway.settle");
  const balance = await endSpanWhenSettled(
    settle,
    refundCall({
      teamId: call.key.teamId,
      apiId: call.api.id,
      keyId: call.key.capKeyId,
      requestId: call.requestId,
      price: call.charged,
      reason,
    }),
  );
  if (balance !== null) {
    call.refunded = call.charged;
    call.balanceAfter = balance;
  }
}
