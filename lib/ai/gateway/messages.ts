// POST /api/ai/v1/messages: Anthropic's Messages API, so the Anthropic SDK and Claude Code
// (ANTHROPIC_BASE_URL) work with every model of the registry. The request is translated to the
// canonical Chat Completions form, answers and streams back to Anthropic's. Anthropic's prompt-cache
// marks (`cache_control`) reach Anthropic providers and are stripped for OpenAI-compatible ones, which
// cache on their own and may refuse properties they do not know.
import { messagesRequestSchema } from "@/lib/ai/anthropic/messages-request";
import { anthropicToOpenAIRequest } from "@/lib/ai/translate/anthropic-to-openai-request";
import type { ChatCompletion } from "@/lib/ai/openai/chat-response";
import type { TokenUsage } from "@/lib/ai/types";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import { openAIToAnthropicResponse } from "@/lib/ai/translate/responses";
import { stripCacheControl } from "@/lib/ai/translate/strip-cache-control";
import { readAiBody } from "@/lib/ai/gateway/read-ai-body";
import { runChat } from "@/lib/ai/gateway/run-chat";
import { anthropicStreamEncoder } from "@/lib/ai/gateway/stream-encoders";
import type { AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import type { IncomingCall, PlainAnswer } from "@/lib/gateway/gateway-answer";

const encoder = (call: AiCall) => anthropicStreamEncoder(call.model.publicId);
const present = (completion: ChatCompletion, usage: TokenUsage) =>
  openAIToAnthropicResponse(completion, { model: completion.model, usage });

export async function handleMessages(incoming: IncomingCall, context: AiRequestContext): Promise<PlainAnswer> {
  const { body, bytes } = await readAiBody(incoming, messagesRequestSchema);
  const canonical = { ...anthropicToOpenAIRequest(body), stream: Boolean(body.stream) };
  return runChat(
    {
      body: canonical,
      bytesIn: bytes,
      path: "/messages",
      encoder,
      present,
      forOpenAIProvider: stripCacheControl,
    },
    context,
  );
}
