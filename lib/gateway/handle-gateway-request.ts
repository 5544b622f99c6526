// The metered gateway, independent of Next.js: a web Request in, a web Response out.
// admitCall runs the checks and charges; this file forwards, refunds failed calls under the plan's
// charge policy, relays the response as a stream and records one usage event per call.
import { admitCall, payloadTooLarge } from "@/lib/gateway/admit-call";
import { newCallContext, recordCall, type CallContext } from "@/lib/gateway/call-context";
import {
  callUpstream,
  canDecode,
  decodedBody,
  discardBody,
  methodMayHaveBody,
  relayBody,
  type UpstreamFailure,
} from "@/lib/gateway/forward";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { callerResponseHeaders, upstreamRequestHeaders } from "@/lib/gateway/headers";
import { rateLimitHeaders } from "@/lib/gateway/rate-limiter";
import { refundCall } from "@/lib/billing/ledger/close-call";
import type { ResolvedKey } from "@/lib/gateway/key-cache";
import { upstreamUrl } from "@/lib/gateway/upstream-url";
import { newRequestId } from "@/lib/http/request-id";
import { gatewayAmount } from "@/lib/money";
import { problemResponse } from "@/lib/http/problem";

type ClientInfo = { ip: string | null; proto: string; host: string };

type GatewayCallOptions = {
  /**
   * A key the server already picked and authenticated (lib/gateway/key-cache resolveApiKeyById), used
   * when the request carries no key: the try-it console. Every other check, the charge, the rate
   * limit and the usage record are the same as for a call with the raw key.
   */
  authenticatedKey?: ResolvedKey;
};

export async function handleGatewayRequest(request: Request, client: ClientInfo, options: GatewayCallOptions = {}): Promise<Response> {
  const call = newCallContext(newRequestId(), request.method, request.url);
  try {
    await admitCall(request, call, options.authenticatedKey);
  } catch (error) {
    return refuse(call, error);
  }
  try {
    return await forward(request, client, call);
  } catch (error) {
    // A failure of ours after the charge: the caller got no answer from the API, so give it back.
    await refund(call, "gateway error").catch((refundError) =>
      console.error(`[gateway] requestId=${call.requestId} refund after an error failed; reconcile by request id:`, refundError),
    );
    return refuse(call, error);
  }
}

function refuse(call: CallContext, error: unknown): Response {
  if (!(error instanceof GatewayError)) {
    console.error(`[gateway] requestId=${call.requestId} unexpected error:`, error);
    error = new GatewayError("internal_error", `Something went wrong on our side. Quote request id ${call.requestId} when you contact us.`);
  }
  const refusal = error as GatewayError;
  const headers = { ...(call.rateLimit ? rateLimitHeaders(call.rateLimit) : {}), ...refusal.headers };
  const response = problemResponse(refusal.code, refusal.detail, call.requestId, { extra: refusal.extra, headers });
  recordCall(call, { status: response.status, errorCode: refusal.code });
  return response;
}

const FAILURE_ERRORS: Record<
  Exclude<UpstreamFailure, "too_large" | "client_aborted">,
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

async function forward(request: Request, client: ClientInfo, call: CallContext): Promise<Response> {
  // admitCall succeeded, so it filled these in.
  const { api, plan, target, headerList } = call as Required<Pick<CallContext, "api" | "plan" | "target" | "headerList">> & CallContext;
  const credential =
    api.upstreamAuthHeader && api.upstreamCredential ? { header: api.upstreamAuthHeader, value: api.upstreamCredential } : null;
  const outcome = await callUpstream({
    url: upstreamUrl(api.upstreamBaseUrl, target),
    method: request.method,
    headers: upstreamRequestHeaders(
      headerList,
      { clientIp: client.ip, proto: client.proto, host: client.host, requestId: call.requestId },
      credential,
    ),
    body: methodMayHaveBody(request.method) ? request.body : null,
    maxRequestBytes: plan.maxRequestBytes,
    connectTimeoutMs: api.connectTimeoutMs,
    timeoutMs: api.timeoutMs,
    signal: request.signal,
  });

  if (!outcome.ok) {
    // The call did not complete: nothing to charge, whatever the policy (the caller got no answer).
    await refund(call, `upstream ${outcome.failure}`);
    if (outcome.failure === "client_aborted") {
      recordCall(call, { status: 499, errorCode: "client_closed_request", bytesIn: outcome.bytesIn });
      return new Response(null, { status: 499 });
    }
    const error =
      outcome.failure === "too_large"
        ? payloadTooLarge(plan.maxRequestBytes)
        : new GatewayError(FAILURE_ERRORS[outcome.failure].code, FAILURE_ERRORS[outcome.failure].detail);
    if (outcome.failure !== "too_large")
      console.warn(`[gateway] requestId=${call.requestId} api=${api.slug} upstream ${outcome.failure}: ${outcome.message}`);
    return refuse(call, error);
  }

  if (!canDecode(outcome.headers["content-encoding"])) {
    discardBody(outcome.body);
    await refund(call, "upstream used an unsupported content-encoding");
    const detail = `The API's upstream answered with a content encoding the gateway cannot relay (${outcome.headers["content-encoding"]}). You were not charged.`;
    return refuse(call, new GatewayError("upstream_unavailable", detail));
  }

  if (outcome.status >= 500 && plan.chargePolicy === "REFUND_ON_UPSTREAM_FAILURE") {
    await refund(call, `upstream answered ${outcome.status}`);
  }

  const headers = callerResponseHeaders(outcome.headers);
  headers.set("x-request-id", call.requestId);
  headers.set("x-credit-charged", gatewayAmount(call.charged - call.refunded));
  if (call.balanceAfter !== undefined) headers.set("x-credit-balance", gatewayAmount(call.balanceAfter));
  if (call.rateLimit) for (const [name, value] of Object.entries(rateLimitHeaders(call.rateLimit))) headers.set(name, value);
  if (api.status === "DEPRECATED") {
    headers.set("deprecation", `@${Math.floor((api.deprecatedAt ?? new Date()).getTime() / 1000)}`);
    if (api.sunsetAt) headers.set("sunset", api.sunsetAt.toUTCString());
  }

  const status = outcome.status;
  const noBody = request.method === "HEAD" || status === 204 || status === 304;
  if (noBody) {
    outcome.body.resume();
    recordCall(call, { status, bytesIn: outcome.bytesIn() });
    return new Response(null, { status, headers });
  }
  if (isSmallPlainBody(outcome.headers)) {
    // A small body of known length is read whole: one write to the caller instead of a stream.
    const bytes = await outcome.body.arrayBuffer();
    recordCall(call, { status, bytesIn: outcome.bytesIn(), bytesOut: bytes.byteLength });
    return new Response(bytes, { status, headers });
  }
  const body = relayBody(decodedBody(outcome.body, outcome.headers["content-encoding"]), ({ bytesOut, completed }) =>
    recordCall(call, { status, errorCode: completed ? null : "response_interrupted", bytesIn: outcome.bytesIn(), bytesOut }),
  );
  return new Response(body, { status, headers });
}

/** Bodies up to this size with a Content-Length and no encoding are relayed in one piece. */
const SMALL_BODY_BYTES = 64 * 1024;

function isSmallPlainBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = Number(headers["content-length"]);
  const encoding = headers["content-encoding"];
  return Number.isInteger(length) && length <= SMALL_BODY_BYTES && (encoding === undefined || encoding === "identity");
}

async function refund(call: CallContext, reason: string): Promise<void> {
  if (call.charged === 0n || !call.key || !call.api) return;
  const balance = await refundCall({
    teamId: call.key.teamId,
    apiId: call.api.id,
    keyId: call.key.capKeyId,
    requestId: call.requestId,
    price: call.charged,
    reason,
  });
  if (balance !== null) {
    call.refunded = call.charged;
    call.balanceAfter = balance;
  }
}
