// POST /api/ai/v1/chat/completions: validate, admit (reserve the most the call can cost), send to
// the model's deployments with the output capped at what was reserved, then settle the exact cost.
// OpenAI-compatible providers get the request as sent (unknown fields pass through), Anthropic
// providers its translation; answers come back in OpenAI's format either way.
import { chatCompletionRequestSchema, type ChatCompletionRequest } from "@/lib/ai/openai/chat-request";
import { chatCompletionSchema, type ChatCompletion } from "@/lib/ai/openai/chat-response";
import { anthropicMessageSchema } from "@/lib/ai/anthropic/message-response";
import { openAIToAnthropicRequest } from "@/lib/ai/translate/openai-to-anthropic-request";
import { anthropicToOpenAIResponse } from "@/lib/ai/translate/responses";
import { usageFromOpenAI } from "@/lib/ai/translate/usage";
import { countChatOutputTokens, estimateChatInputTokens } from "@/lib/ai/tokens";
import type { TokenUsage, UsageSource } from "@/lib/ai/types";
import type { RoutedDeployment } from "@/lib/ai/registry/find-model";
import { admitAiCall, type AiCall } from "@/lib/ai/gateway/admit-ai-call";
import { callProvider, type ProviderAnswer } from "@/lib/ai/gateway/call-provider";
import { finishAiCall, type AiCallTiming } from "@/lib/ai/gateway/finish-ai-call";
import { providerFailureError } from "@/lib/ai/gateway/provider-failure";
import { readAiBody } from "@/lib/ai/gateway/read-ai-body";
import { relayChatStream } from "@/lib/ai/gateway/relay-chat-stream";
import { aiAnswerHeaders, type AiRequestContext } from "@/lib/ai/gateway/ai-request-context";

/** What goes to one deployment: the caller's request with the provider's model name and the reserved output cap. */
function providerRequest(body: ChatCompletionRequest, call: AiCall, deployment: RoutedDeployment) {
  const model = deployment.providerModel;
  if (deployment.provider.kind === "ANTHROPIC") {
    return {
      path: "/v1/messages",
      body: { ...openAIToAnthropicRequest({ ...body, model }, { maxTokens: call.outputCap }), stream: Boolean(body.stream) },
    };
  }
  // Keep the caller's spelling of the cap (newer OpenAI models take only max_completion_tokens).
  const cap = body.max_completion_tokens != null ? { max_completion_tokens: call.outputCap } : { max_tokens: call.outputCap };
  // Streams always ask for usage, so the exact cost is known; the final usage chunk is removed
  // again when the caller did not ask for it.
  const usage = body.stream ? { stream_options: { ...body.stream_options, include_usage: true } } : {};
  return { path: "/chat/completions", body: { ...body, model, ...cap, ...usage } };
}

export async function handleChatCompletions(request: Request, context: AiRequestContext): Promise<Response> {
  const { body, bytes } = await readAiBody(request, chatCompletionRequestSchema);
  const estimatedInputTokens = estimateChatInputTokens(body);
  const timing: AiCallTiming = { method: "POST", path: "/chat/completions", startedAt: context.startedAt, receivedAt: context.receivedAt };
  const call = await admitAiCall(context.key, context.requestId, {
    model: body.model,
    kind: "CHAT",
    estimatedInputTokens,
    requestedOutputTokens: body.max_completion_tokens ?? body.max_tokens,
    ...timing,
  });

  let answer: Awaited<ReturnType<typeof callProvider>>;
  try {
    answer = await callProvider(call.model, (deployment) => providerRequest(body, call, deployment), context.signal);
  } catch (error) {
    // The caller left before any deployment answered: nothing was delivered, nothing is charged.
    await finishAiCall(call, timing, {
      status: 499,
      errorCode: "client_closed_request",
      usage: null,
      source: "COUNTED",
      bytesIn: bytes,
      bytesOut: 0,
    });
    throw error;
  }
  if (!answer.ok) {
    const error = providerFailureError(answer, call.model.publicId);
    await finishAiCall(call, timing, {
      status: error.status,
      errorCode: error.code,
      usage: null,
      source: "COUNTED",
      bytesIn: bytes,
      bytesOut: 0,
    });
    throw error;
  }
  if (body.stream) return relayChatStream({ body, call, answer, timing, context, bytesIn: bytes, estimatedInputTokens });
  return completeChat(call, answer, timing, context, bytes, estimatedInputTokens);
}

async function completeChat(
  call: AiCall,
  answer: ProviderAnswer,
  timing: AiCallTiming,
  context: AiRequestContext,
  bytesIn: number,
  estimatedInputTokens: number,
): Promise<Response> {
  const raw: unknown = await answer.body.json();
  let completion: ChatCompletion;
  let providerUsage: TokenUsage | null = null;
  if (answer.deployment.provider.kind === "ANTHROPIC") {
    const message = anthropicMessageSchema.parse(raw);
    completion = anthropicToOpenAIResponse(message, { model: call.model.publicId });
  } else {
    completion = { ...chatCompletionSchema.parse(raw), model: call.model.publicId };
  }
  if (completion.usage) providerUsage = usageFromOpenAI(completion.usage);
  const output = completion.choices[0]?.message;
  const source: UsageSource = providerUsage ? "PROVIDER" : "COUNTED";
  const usage = providerUsage ?? {
    inputTokens: estimatedInputTokens,
    cachedInputTokens: 0,
    outputTokens: output ? countChatOutputTokens(output) : 0,
  };
  const text = JSON.stringify(completion);
  const charge = await finishAiCall(call, timing, { status: 200, usage, source, bytesIn, bytesOut: Buffer.byteLength(text) });
  return new Response(text, { status: 200, headers: aiAnswerHeaders(call, context, charge, "application/json") });
}
