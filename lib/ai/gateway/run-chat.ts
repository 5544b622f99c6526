// One chat call, whatever format the caller speaks: admit (reserve the most it can cost), send it
// to the model's deployments with the output capped at what was reserved, then settle the exact
// cost. The request is canonical (Chat Completions); OpenAI-compatible providers get it as sent
// (unknown fields pass through), Anthropic providers its translation. Answers come back canonical
// and are written in the caller's format by the handler (`present`) or the stream encoder.
import type { ChatCompletionRequest } from "@/lib/ai/openai/chat-request";
import type { ChatCompletion } from "@/lib/ai/openai/chat-response";
import { isChatCompletion } from "@/lib/ai/openai/read-chat-completion";
import { anthropicMessageSchema } from "@/lib/ai/anthropic/message-response";
import { openAIToAnthropicRequest } from "@/lib/ai/translate/openai-to-anthropic-request";
import { anthropicToOpenAIResponse } from "@/lib/ai/translate/responses";
import { usageFromOpenAI } from "@/lib/ai/translate/usage";
import { countChatOutputTokens, estimateChatInputTokens } from "@/lib/ai/tokens";
import type { TokenUsage } from "@/lib/ai/types";
import type { RoutedDeployment } from "@/lib/ai/registry/find-model";
import { admitAiCall, type AiCall } from "@/lib/ai/gateway/admit-ai-call";
import { callProvider, type ProviderAnswer, type ProviderFailure } from "@/lib/ai/gateway/call-provider";
import { finishAiCall, type AiCallTiming } from "@/lib/ai/gateway/finish-ai-call";
import { providerFailureError } from "@/lib/ai/gateway/provider-failure";
import { relayChatStream } from "@/lib/ai/gateway/relay-chat-stream";
import type { StreamEncoder } from "@/lib/ai/gateway/stream-encoders";
import { aiAnswerHeaders, type AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import { AiError } from "@/lib/ai/gateway/ai-error";
import type { PlainAnswer } from "@/lib/gateway/gateway-answer";

export type ChatCall = {
  /** canonical request (an Anthropic caller's is translated first) */
  body: ChatCompletionRequest;
  bytesIn: number;
  path: string;
  /** the caller's stream format (module-level functions, like `present`: nothing is made per call) */
  encoder: (call: AiCall, body: ChatCompletionRequest) => StreamEncoder;
  /** the caller's non-streamed answer, from the canonical completion and its usage */
  present: (completion: ChatCompletion, usage: TokenUsage) => unknown;
  /** what an OpenAI-compatible provider gets instead of `body` (/messages strips Anthropic's cache marks) */
  forOpenAIProvider?: (body: ChatCompletionRequest) => ChatCompletionRequest;
};

/** What goes to one deployment: the request with the provider's model name and the reserved output cap (also Prompt APIs' calls, lib/prompt-apis). */
export function providerRequest(body: ChatCompletionRequest, call: AiCall, deployment: RoutedDeployment) {
  const model = deployment.providerModel;
  if (deployment.provider.kind === "ANTHROPIC") {
    const translated = openAIToAnthropicRequest({ ...body, model }, { maxTokens: call.outputCap });
    return { path: "/v1/messages", body: { ...translated, stream: Boolean(body.stream) } };
  }
  // Keep the caller's spelling of the cap (newer OpenAI models take only max_completion_tokens).
  const cap = body.max_completion_tokens != null ? { max_completion_tokens: call.outputCap } : { max_tokens: call.outputCap };
  // Streams always ask for usage, so the exact cost is known; the encoder decides what the caller sees.
  const usage = body.stream ? { stream_options: { ...body.stream_options, include_usage: true } } : {};
  return { path: "/chat/completions", body: { ...body, model, ...cap, ...usage } };
}

/** The provider's answer as the canonical completion with the public model id; null when it is not a completion. */
function canonicalCompletion(raw: unknown, answer: ProviderAnswer, publicId: string): ChatCompletion | null {
  if (answer.deployment.provider.kind === "ANTHROPIC") {
    const parsed = anthropicMessageSchema.safeParse(raw);
    return parsed.success ? anthropicToOpenAIResponse(parsed.data, { model: publicId }) : null;
  }
  // Checked in place (no copy): the parsed JSON is this call's own object.
  if (!isChatCompletion(raw)) return null;
  raw.model = publicId;
  return raw;
}

/** The call ends without output: settled at zero, its usage event with the status and error code. */
function nothingDelivered(call: AiCall, timing: AiCallTiming, bytesIn: number, status: number, errorCode: string) {
  return finishAiCall(call, timing, { status, errorCode, usage: null, source: "COUNTED", bytesIn, bytesOut: 0 });
}

export async function runChat(chat: ChatCall, context: AiRequestContext): Promise<PlainAnswer> {
  const { body, bytesIn } = chat;
  const estimatedInputTokens = estimateChatInputTokens(body);
  const timing: AiCallTiming = {
    method: "POST",
    path: chat.path,
    startedAt: context.startedAt,
    receivedAt: context.receivedAt,
    ...(context.mcpTool ? { recorded: { mcpTool: context.mcpTool } } : {}),
  };
  const call = await admitAiCall(context.key, context.requestId, {
    model: body.model,
    kind: "CHAT",
    estimatedInputTokens,
    requestedOutputTokens: body.max_completion_tokens ?? body.max_tokens,
    ...timing,
  });

  let answer: ProviderAnswer | ProviderFailure;
  try {
    answer = await callProvider(
      call.model,
      (deployment) =>
        providerRequest(
          deployment.provider.kind === "OPENAI" && chat.forOpenAIProvider ? chat.forOpenAIProvider(body) : body,
          call,
          deployment,
        ),
      context.signal,
    );
  } catch (error) {
    // The caller left before any deployment answered: nothing was delivered, nothing is charged.
    await nothingDelivered(call, timing, bytesIn, 499, "client_closed_request");
    throw error;
  }
  if (!answer.ok) {
    const error = providerFailureError(answer, call.model.publicId);
    await nothingDelivered(call, timing, bytesIn, error.status, error.code);
    throw error;
  }
  if (body.stream)
    return relayChatStream({ call, answer, timing, context, bytesIn, estimatedInputTokens, encoder: chat.encoder(call, body) });

  let raw: unknown = null;
  try {
    raw = await answer.body.json();
  } catch (error) {
    if (context.signal.aborted) {
      await nothingDelivered(call, timing, bytesIn, 499, "client_closed_request");
      throw error;
    }
    // Not JSON, or broken off: not a completion (below).
  }
  const completion = canonicalCompletion(raw, answer, call.model.publicId);
  if (!completion) {
    await nothingDelivered(call, timing, bytesIn, 502, "upstream_unavailable");
    throw new AiError(
      "upstream_unavailable",
      `The provider of "${call.model.publicId}" sent an answer that is not a chat completion. Nothing was charged.`,
    );
  }
  const output = completion.choices[0]?.message;
  const usage: TokenUsage = completion.usage
    ? usageFromOpenAI(completion.usage)
    : { inputTokens: estimatedInputTokens, cachedInputTokens: 0, outputTokens: output ? countChatOutputTokens(output) : 0 };
  const json = Buffer.from(JSON.stringify(chat.present(completion, usage)));
  const source = completion.usage ? "PROVIDER" : "COUNTED";
  const charge = await finishAiCall(call, timing, { status: 200, usage, source, bytesIn, bytesOut: json.byteLength });
  return { status: 200, headers: aiAnswerHeaders(call, context, charge, "application/json"), body: json };
}
