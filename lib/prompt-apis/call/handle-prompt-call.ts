// POST /api/gateway/{slug} of a Prompt API. The gateway has run its checks up to the rate limit
// (key, API, lifecycle, scope, subscription, size, rate) and hands the call over before any charge.
// Here: the variables are checked (422 per field, nothing charged), the prompt is rendered, the most
// the call can cost is reserved under the plan's pricing, the model is called through the AI core
// (deployments, fallback, the output capped at what was reserved), and the exact cost is settled
// once (lib/ai finishAiCall) with a usage event that records the prompt's version. An answer that
// does not match the output schema is a 502 `invalid_model_output` and costs nothing.
import { effectiveOutputCap, reservationFor } from "@/lib/ai/pricing";
import { estimateChatInputTokens } from "@/lib/ai/tokens";
import { findModel } from "@/lib/ai/registry/find-model";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import { callProvider } from "@/lib/ai/gateway/call-provider";
import { providerRequest } from "@/lib/ai/gateway/run-chat";
import { finishAiCall, type AiCallTiming } from "@/lib/ai/gateway/finish-ai-call";
import { providerFailureError } from "@/lib/ai/gateway/provider-failure";
import { relayChatStream } from "@/lib/ai/gateway/relay-chat-stream";
import type { AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import { payloadTooLarge } from "@/lib/gateway/admit-call";
import type { CallContext } from "@/lib/gateway/call-context";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { answerResponse } from "@/lib/gateway/gateway-answer";
import { rateLimitHeaders } from "@/lib/gateway/rate-limiter";
import { readLimited } from "@/lib/http/read-limited";
import { problemResponse } from "@/lib/http/problem";
import { summarizeFieldErrors } from "@/lib/validation";
import { checkVariables } from "@/lib/prompt-apis/variables";
import { callPrices } from "@/lib/prompt-apis/pricing";
import { findLivePrompt } from "@/lib/prompt-apis/live-prompt";
import { promptChatRequest } from "@/lib/prompt-apis/call/prompt-chat-request";
import { promptStreamEncoder } from "@/lib/prompt-apis/call/prompt-stream-encoder";
import { reservePromptCall } from "@/lib/prompt-apis/call/reserve-prompt-call";
import { readPromptAnswer } from "@/lib/prompt-apis/call/read-prompt-answer";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import type { PromptPricing } from "@/lib/db";

export const PROMPT_VERSION_HEADER = "x-prompt-version";

export async function servePromptCall(request: Request, call: CallContext): Promise<Response> {
  const { api, plan } = call as Required<Pick<CallContext, "api" | "plan">> & CallContext;
  if (call.path !== "/")
    throw new GatewayError("not_found", `"${api.name}" answers only at its root: POST /api/gateway/${api.slug} with a JSON body.`);
  if (request.method !== "POST")
    throw new GatewayError("bad_request", `Call "${api.name}" with POST and a JSON body of its variables.`, undefined, { allow: "POST" });
  const pendingLive = findLivePrompt(api.slug);
  const live = pendingLive instanceof Promise ? await pendingLive : pendingLive;
  if (!live) throw new GatewayError("upstream_unavailable", `"${api.name}" has no prompt to serve right now. You were not charged.`);

  const { bytes, truncated } = await readLimited(request.body, plan.maxRequestBytes);
  if (truncated) throw payloadTooLarge(plan.maxRequestBytes);
  let body: unknown = {};
  try {
    if (bytes.byteLength > 0) body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new GatewayError("bad_request", "The body is not valid JSON: send the variables as a JSON object.");
  }
  const wantsStream = (request.headers.get("accept") ?? "").includes("text/event-stream");
  const pricing = live.pricingByPlan.get(plan.id) ?? "CALL_AND_TOKENS";
  return runPrompt(request, call, {
    definition: live.definition,
    version: live.version,
    pricing,
    body,
    bytesIn: bytes.byteLength,
    wantsStream,
  });
}

export type PromptRun = {
  definition: PromptDefinition;
  /** the version served, recorded with the usage event; null for a draft (the admin's test panel) */
  version: number | null;
  pricing: PromptPricing;
  body: unknown;
  bytesIn: number;
  wantsStream: boolean;
};

/** From the variables on: checked, rendered, reserved, sent to the model, settled. */
export async function runPrompt(request: Request, call: CallContext, run: PromptRun): Promise<Response> {
  const { key, api, plan } = call as Required<Pick<CallContext, "key" | "api" | "plan">> & CallContext;
  const { definition, version, wantsStream, bytesIn } = run;
  const pendingModel = findModel(definition.model);
  const model = pendingModel instanceof Promise ? await pendingModel : pendingModel;
  if (!model || model.kind !== "CHAT")
    throw new GatewayError("upstream_unavailable", `"${api.name}" has no model to answer with right now. You were not charged.`);
  const checked = checkVariables(definition.variables, run.body);
  if (!checked.ok) throw new GatewayError("validation_failed", summarizeFieldErrors(checked.errors), { errors: checked.errors });

  const schema = definition.outputSchema;
  // A structured answer is validated whole before it is sent (and charged), so it never streams as it is written.
  const chat = promptChatRequest(definition, checked.values, model, wantsStream && !schema);
  const estimatedInputTokens = estimateChatInputTokens(chat);
  const outputCap = effectiveOutputCap(definition.maxOutputTokens, plan.maxOutputTokens, model.maxOutputTokens);
  const { prices, fee } = callPrices(run.pricing, model.prices, plan.pricePerCall);
  const reserved = reservationFor({ estimatedInputTokens, outputCap }, prices, fee);
  const balanceAfter = await reservePromptCall(call, key, api.id, reserved);

  // The AI core prices with the call's model prices and fee: the plan's pricing choice applied.
  const aiCall: AiCall = {
    requestId: call.requestId,
    key,
    model: { ...model, prices },
    api: { id: api.id, slug: api.slug, name: api.name, status: api.status, visibility: api.visibility },
    plan: { ...plan, pricePerCall: fee },
    outputCap,
    estimatedInputTokens,
    reserved,
    balanceAfter,
    rateLimitHeaders: call.rateLimit ? rateLimitHeaders(call.rateLimit) : {},
  };
  const timing: AiCallTiming = {
    method: call.method,
    path: call.path,
    startedAt: call.startedAt,
    receivedAt: call.receivedAt,
    recorded: { ...(version !== null ? { promptVersion: version } : {}), ...(call.mcpTool ? { mcpTool: call.mcpTool } : {}) },
  };
  const context: AiRequestContext = {
    requestId: call.requestId,
    key,
    signal: request.signal,
    startedAt: call.startedAt,
    receivedAt: call.receivedAt,
  };
  const unanswered = (status: number, errorCode: string) =>
    finishAiCall(aiCall, timing, { status, errorCode, usage: null, source: "COUNTED", bytesIn, bytesOut: 0 });

  let answer: Awaited<ReturnType<typeof callProvider>>;
  try {
    answer = await callProvider(model, (deployment) => providerRequest(chat, aiCall, deployment), request.signal);
  } catch (error) {
    await unanswered(499, "client_closed_request"); // the caller left before the model answered
    throw error;
  }
  if (!answer.ok) {
    const error = providerFailureError(answer, model.publicId);
    await unanswered(error.status, error.code);
    return problemResponse(error.code, error.detail, call.requestId, { headers: { ...aiCall.rateLimitHeaders, ...error.options.headers } });
  }
  if (chat.stream) {
    const streamed = relayChatStream({
      call: aiCall,
      answer,
      timing,
      context,
      bytesIn,
      estimatedInputTokens,
      encoder: promptStreamEncoder(model.publicId),
    });
    if (version !== null) streamed.headers.push([PROMPT_VERSION_HEADER, String(version)]);
    return answerResponse(streamed);
  }
  return readPromptAnswer({ aiCall, answer, timing, context, bytesIn, estimatedInputTokens, schema, wantsStream, version });
}
