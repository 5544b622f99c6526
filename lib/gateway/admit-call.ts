// The gateway's checks, in the order of the contract (README, "The gateway"): no key in the query (400), key (401), API (404), lifecycle
// (410), scope and subscription (403), request shape and size (413/400), rate limit (429), credit
// (402). The first that fails throws a GatewayError; nothing is charged before the last one.
import { ROTATED_KEY_DETAIL, authenticateApiKey, checkKey, type KeyCheck, type ResolvedKey } from "@/lib/gateway/key-cache";
import { findApi, findSubscription } from "@/lib/gateway/route-cache";
import { rateLimiter } from "@/lib/gateway/rate-limiter";
import { chargeCall } from "@/lib/billing/ledger/charge-call";
import { instanceId } from "@/lib/instances/instance-id";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { paymentRequiredFields, type PaymentRefusal } from "@/lib/gateway/payment-required";
import { BadGatewayPath, gatewaySlug, parseGatewayUrl } from "@/lib/gateway/upstream-url";
import { headerBytes } from "@/lib/gateway/headers";
import { readBearerToken } from "@/lib/http/bearer";
import { KEY_IN_QUERY_DETAIL, keyInQuery } from "@/lib/http/key-in-query";
import { appUrl } from "@/lib/env";
import { USAGE_PATH_MAX, type CallContext } from "@/lib/gateway/call-context";
import type { CallHeaders } from "@/lib/gateway/gateway-answer";
import { endSpanWhenSettled, startChildSpan } from "@/lib/tracing/spans";

/** Above this the request is refused before anything else is read (Node itself stops at 16 KiB). */
const MAX_HEADER_BYTES = 8 * 1024;

const KEY_DETAIL: Record<Exclude<KeyCheck, { ok: true }>["reason"], string> = {
  missing: "Send your team API key in the Authorization header (`Authorization: Bearer tg_live_...`) or in X-API-Key.",
  malformed: "That is not a valid Tollgate API key (wrong format or checksum). Copy the key again from your team's Keys page.",
  unknown: "This API key does not exist. Create a key on your team's Keys page.",
  revoked: "This API key has been revoked. Create a new key on your team's Keys page.",
  expired: "This API key has expired. Rotate it or create a new key on your team's Keys page.",
  rotated: ROTATED_KEY_DETAIL,
};

/** `presetKey`: a key the server picked for the caller (try-it); it passes the same checks as a raw key. */
export async function admitCall(headers: CallHeaders, call: CallContext, presetKey?: ResolvedKey): Promise<void> {
  const slug = gatewaySlug(call.url);
  // Before everything, the key check included: the key already leaked, and a 401 would not say so.
  if (keyInQuery(call.url.search)) {
    throw new GatewayError("bad_request", KEY_IN_QUERY_DETAIL);
  }

  const pendingCheck = presetKey ? checkKey(presetKey) : authenticateApiKey(readBearerToken(headers));
  const check = pendingCheck instanceof Promise ? await pendingCheck : pendingCheck;
  if (!check.ok) {
    throw new GatewayError("invalid_api_key", KEY_DETAIL[check.reason], undefined, {
      "www-authenticate": `Bearer realm="tollgate", error="invalid_token"`,
    });
  }
  const key = (call.key = check.key);

  // Cache hits come back without a promise; awaiting only misses keeps the hot path short.
  const pendingApi = findApi(slug);
  const api = pendingApi instanceof Promise ? await pendingApi : pendingApi;
  const pendingSubscription = api ? findSubscription(key.teamId, api.id) : null;
  const subscription = pendingSubscription instanceof Promise ? await pendingSubscription : pendingSubscription;
  // Drafts are invisible; private APIs are visible only to teams an admin subscribed.
  if (!api || api.status === "DRAFT" || (api.visibility === "PRIVATE" && !subscription)) {
    throw new GatewayError("api_not_found", `There is no API "${slug}". See ${appUrl()}/catalog for the APIs you can call.`);
  }
  if (api.kind === "AI") {
    // Models answer on the OpenAI-compatible endpoint, where tokens are counted and priced.
    throw new GatewayError("api_not_found", `"${api.name}" serves AI models: call them at ${appUrl()}/api/ai/v1 with the same key.`);
  }
  call.api = api;
  if (api.status === "RETIRED") {
    throw new GatewayError(
      "api_retired",
      `The API "${api.name}" has been retired and no longer answers. See ${appUrl()}/catalog for alternatives.`,
    );
  }

  if (!key.scopeAllApis && !key.scopeApiIds.has(api.id)) {
    throw new GatewayError("forbidden", `This key is not scoped to the API "${api.name}". Use a key with access to it, or create one.`);
  }
  if (!subscription || subscription.status !== "ACTIVE") {
    const billing = `${appUrl()}/${key.teamSlug}/catalog`;
    const detail = !subscription
      ? `Your team is not subscribed to "${api.name}". Subscribe at ${billing}.`
      : subscription.status === "PENDING"
        ? `Your team's subscription to "${api.name}" is waiting for approval by an administrator.`
        : `Your team's subscription to "${api.name}" is ${subscription.status.toLowerCase()}. Subscribe again at ${billing}.`;
    throw new GatewayError("subscription_required", detail);
  }
  const plan = (call.plan = subscription.plan);

  checkRequestShape(headers, plan.maxRequestBytes, call);

  const pendingDecision = rateLimiter().consume(`${key.id}:${api.id}`, plan.rateLimit, plan.rateLimitWindowSec);
  const decision = (call.rateLimit = pendingDecision instanceof Promise ? await pendingDecision : pendingDecision);
  if (!decision.allowed) {
    // The refusal carries call.rateLimit's headers (RateLimit-*, Retry-After), like every later answer.
    throw new GatewayError(
      "rate_limited",
      `Your plan allows ${plan.rateLimit} requests per ${plan.rateLimitWindowSec} s with this key. Retry in ${decision.retryAfterSeconds} s.`,
      { retryAfter: decision.retryAfterSeconds },
    );
  }

  // A Prompt API's call is priced by its handler: reserved, then settled (lib/gateway/api-kind-handlers.ts).
  if (api.kind === "PROMPT") return;

  const charging = startChildSpan(call.span, "gateway.charge");
  const charge = await endSpanWhenSettled(
    charging,
    chargeCall({
      teamId: key.teamId,
      apiId: api.id,
      keyId: key.capKeyId,
      apiKeyId: key.id,
      requestId: call.requestId,
      price: plan.pricePerCall,
      capped: key.spendCap !== null,
      instanceId: instanceId(),
      method: call.method,
      path: call.path.slice(0, USAGE_PATH_MAX),
    }),
  );
  if (!charge.ok) throw paymentRequired(charge.reason, charge.balance, plan.pricePerCall, key);
  call.charged = plan.pricePerCall;
  call.balanceAfter = charge.balanceAfter;
}

function checkRequestShape(headers: CallHeaders, maxRequestBytes: number, call: CallContext): void {
  try {
    call.target = parseGatewayUrl(call.url);
  } catch (error) {
    if (error instanceof BadGatewayPath) throw new GatewayError("bad_request", error.message);
    throw error;
  }
  call.headerList = headers.list();
  if (headerBytes(call.headerList) > MAX_HEADER_BYTES) {
    throw new GatewayError("bad_request", `The request headers are larger than ${MAX_HEADER_BYTES / 1024} KiB.`);
  }
  const declared = headers.get("content-length");
  if (declared !== null) {
    if (!/^\d+$/.test(declared)) throw new GatewayError("bad_request", "The Content-Length header is not a number.");
    if (Number(declared) > maxRequestBytes) throw payloadTooLarge(maxRequestBytes);
  }
}

export function payloadTooLarge(maxRequestBytes: number): GatewayError {
  return new GatewayError("payload_too_large", `Your plan accepts request bodies up to ${maxRequestBytes} bytes.`, {
    maxRequestBytes,
  });
}

function paymentRequired(reason: PaymentRefusal, balance: bigint, price: bigint, key: ResolvedKey): GatewayError {
  const { detail, extra, headers } = paymentRequiredFields(reason, balance, price, key.teamSlug, key.capKeyId);
  return new GatewayError(reason, detail, extra, headers);
}
