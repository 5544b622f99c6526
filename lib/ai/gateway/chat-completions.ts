// POST /api/ai/v1/chat/completions: OpenAI's Chat Completions, for the openai SDKs and every
// OpenAI-compatible tool.
import { chatCompletionRequestSchema, type ChatCompletionRequest } from "@/lib/ai/openai/chat-request";
import type { ChatCompletion } from "@/lib/ai/openai/chat-response";
import type { TokenUsage } from "@/lib/ai/types";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import { toOpenAIUsage } from "@/lib/ai/translate/usage";
import { readAiBody } from "@/lib/ai/gateway/read-ai-body";
import { runChat } from "@/lib/ai/gateway/run-chat";
import { openAIStreamEncoder } from "@/lib/ai/gateway/stream-encoders";
import type { AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import type { IncomingCall, PlainAnswer } from "@/lib/gateway/gateway-answer";

const encoder = (_call: AiCall, body: ChatCompletionRequest) => openAIStreamEncoder(body.stream_options?.include_usage === true);
const present = (completion: ChatCompletion, usage: TokenUsage) => ({ ...completion, usage: completion.usage ?? toOpenAIUsage(usage) });

export async function handleChatCompletions(incoming: IncomingCall, context: AiRequestContext): Promise<PlainAnswer> {
  const { body, bytes } = await readAiBody(incoming, chatCompletionRequestSchema);
  return runChat({ body, bytesIn: bytes, path: "/chat/completions", encoder, present }, context);
}
