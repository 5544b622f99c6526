// The AI gateway's checks, in the gateway contract's order: key (401), model and the AI API that
// publishes it to this team (404 / 403 with the allowed model ids), rate and token limits (429),
// then the reservation: the most the call can cost, charged in one statement (402 when the credit
// or the key's cap does not cover it). Nothing is sent to a provider before all of them pass.
import { chargeCall } from "@/lib/billing/ledger/charge-call";
import { ROTATED_KEY_DETAIL, authenticateApiKey, checkKey, type ResolvedKey } from "@/lib/gateway/key-cache";
import { findSubscription, type RoutedPlan } from "@/lib/gateway/route-cache";
import { rateLimiter, rateLimitHeaders } from "@/lib/gateway/rate-limiter";
import { paymentRequiredFields } from "@/lib/gateway/payment-required";
import type { IncomingCall } from "@/lib/gateway/gateway-answer";
import { readBearerToken } from "@/lib/http/bearer";
import { KEY_IN_QUERY_DETAIL, keyInQuery } from "@/lib/http/key-in-query";
import { instanceId } from "@/lib/instances/instance-id";
import { effectiveOutputCap, reservationFor } from "@/lib/ai/pricing";
import { findModel, type PublishingApi, type RoutedModel } from "@/lib/ai/registry/find-model";
import { listUsableModelIds } from "@/lib/ai/registry/list-usable-models";
import { AiError } from "@/lib/ai/gateway/ai-error";
import { tokenLimiter } from "@/lib/ai/gateway/token-limiter";
import { reservationOpened } from "@/lib/metrics/gateway-metrics";
import { endSpanWhenSettled, startActiveChildSpan, takeActiveSpan, type Span } from "@/lib/tracing/spans";

export type AiCall = {
  requestId: string;
  key: ResolvedKey;
  model: RoutedModel;
  api: PublishingApi;
  plan: RoutedPlan;
  outputCap: number;
  estimatedInputTokens: number;
  reserved: bigint;
  balanceAfter: bigint;
  /** RateLimit-* headers every answer carries */
  rateLimitHeaders: Record<string, string>;
  /** the call's trace span (lib/tracing) while tracing is on: finishAiCall ends it */
  span?: Span;
};

export type AiCallRequest = {
  model: string;
  kind: "CHAT" | "EMBEDDINGS";
  estimatedInputTokens: number;
  /** the caller's max tokens, if any (chat only) */
  requestedOutputTokens?: number | null;
  method: string;
  path: string;
};

/** The key of a request (header only: a key in the query string is refused first). */
export async function authenticateAiCaller(call: Pick<IncomingCall, "url" | "headers">, presetKey?: ResolvedKey): Promise<ResolvedKey> {
  if (keyInQuery(call.url.search)) {
    throw new AiError("bad_request", KEY_IN_QUERY_DETAIL);
  }
  const pending = presetKey ? checkKey(presetKey) : authenticateApiKey(readBearerToken(call.headers));
  const check = pending instanceof Promise ? await pending : pending;
  if (check.ok) return check.key;
  const detail =
    check.reason === "missing"
      ? "Send your team API key as `Authorization: Bearer tg_live_…` (the OpenAI SDKs' apiKey) or `x-api-key` (the Anthropic SDK's)."
      : check.reason === "rotated"
        ? ROTATED_KEY_DETAIL
        : `This API key is ${check.reason === "unknown" ? "not known" : check.reason}. Create or copy a key on your team's Keys page.`;
  throw new AiError("invalid_api_key", detail, { headers: { "www-authenticate": `Bearer realm="tollgate", error="invalid_token"` } });
}

type Access = { api: PublishingApi; plan: RoutedPlan } | { refusal: "not_subscribed" | "not_allowed" };

/** The AI API through which this key may call the model: the cheapest per-request fee, then by slug. */
async function accessTo(key: ResolvedKey, model: RoutedModel): Promise<Access> {
  let allowedSomewhere = false;
  let best: { api: PublishingApi; plan: RoutedPlan } | null = null;
  for (const api of model.apis) {
    if (api.status !== "PUBLISHED" && api.status !== "DEPRECATED") continue;
    const pending = findSubscription(key.teamId, api.id);
    const subscription = pending instanceof Promise ? await pending : pending;
    if (!subscription || subscription.status !== "ACTIVE") continue;
    allowedSomewhere = true;
    const plan = subscription.plan;
    const scoped = key.scopeAllApis || key.scopeApiIds.has(api.id);
    const planAllows = plan.allowedModelIds.length === 0 || plan.allowedModelIds.includes(model.id);
    const keyAllows = key.scopeModelIds.size === 0 || key.scopeModelIds.has(model.id);
    if (!scoped || !planAllows || !keyAllows) continue;
    if (!best || plan.pricePerCall < best.plan.pricePerCall) best = { api, plan };
  }
  return best ?? { refusal: allowedSomewhere ? "not_allowed" : "not_subscribed" };
}

async function allowedList(key: ResolvedKey, kind: "CHAT" | "EMBEDDINGS"): Promise<string> {
  const ids = await listUsableModelIds(key, kind);
  return ids.length
    ? `Models this key may use: ${ids.join(", ")}.`
    : "This key may use no models: subscribe your team to an AI API in the catalog.";
}

export async function admitAiCall(key: ResolvedKey, requestId: string, input: AiCallRequest): Promise<AiCall> {
  const pendingModel = findModel(input.model);
  const model = pendingModel instanceof Promise ? await pendingModel : pendingModel;
  if (!model || model.kind !== input.kind) {
    const what = input.kind === "CHAT" ? "chat model" : "embeddings model";
    throw new AiError("model_not_found", `There is no ${what} "${input.model}". ${await allowedList(key, input.kind)}`, { param: "model" });
  }
  const access = await accessTo(key, model);
  if ("refusal" in access) {
    if (access.refusal === "not_subscribed") {
      throw new AiError("model_not_found", `Your team has no access to "${model.publicId}". ${await allowedList(key, input.kind)}`, {
        param: "model",
      });
    }
    throw new AiError(
      "model_not_allowed",
      `Your plan or this key does not allow "${model.publicId}". ${await allowedList(key, input.kind)}`,
      { param: "model" },
    );
  }
  const { api, plan } = access;

  const pendingDecision = rateLimiter().consume(`${key.id}:${api.id}`, plan.rateLimit, plan.rateLimitWindowSec);
  const decision = pendingDecision instanceof Promise ? await pendingDecision : pendingDecision;
  const limitHeaders = rateLimitHeaders(decision);
  if (!decision.allowed) {
    const detail = `Your plan allows ${plan.rateLimit} requests per ${plan.rateLimitWindowSec} s with this key. Retry in ${decision.retryAfterSeconds} s.`;
    throw new AiError("rate_limited", detail, { headers: limitHeaders });
  }
  const outputCap =
    input.kind === "CHAT" ? effectiveOutputCap(input.requestedOutputTokens, plan.maxOutputTokens, model.maxOutputTokens) : 0;
  if (plan.tokensPerMinute !== null) {
    const pendingTokens = tokenLimiter().check(`${key.id}:${api.id}`, input.estimatedInputTokens, plan.tokensPerMinute);
    const tokens = pendingTokens instanceof Promise ? await pendingTokens : pendingTokens;
    if (!tokens.allowed) {
      const detail = `Your plan allows ${plan.tokensPerMinute} tokens per minute with this key; ${tokens.used} were used in the last minute. Retry in ${tokens.retryAfterSeconds} s.`;
      throw new AiError("rate_limited", detail, { headers: { ...limitHeaders, "retry-after": String(tokens.retryAfterSeconds) } });
    }
  }

  const reserved = reservationFor({ estimatedInputTokens: input.estimatedInputTokens, outputCap }, model.prices, plan.pricePerCall);
  const reserving = startActiveChildSpan("ai.reserve");
  const charge = await endSpanWhenSettled(
    reserving,
    chargeCall({
      teamId: key.teamId,
      apiId: api.id,
      keyId: key.capKeyId,
      apiKeyId: key.id,
      requestId,
      price: reserved,
      capped: key.spendCap !== null,
      instanceId: instanceId(),
      method: input.method,
      path: input.path,
      settlesLater: true,
    }),
  );
  if (!charge.ok) {
    const { detail, extra, headers } = paymentRequiredFields(charge.reason, charge.balance, reserved, key.teamSlug, key.capKeyId);
    throw new AiError(charge.reason, detail, { extra, headers: { ...limitHeaders, ...headers } });
  }
  reservationOpened();
  return {
    requestId,
    key,
    model,
    api,
    plan,
    outputCap,
    estimatedInputTokens: input.estimatedInputTokens,
    reserved,
    balanceAfter: charge.balanceAfter,
    rateLimitHeaders: limitHeaders,
    span: takeActiveSpan(),
  };
}
