// POST /api/ai/v1/chat/completions: OpenAI's Chat Completions, for the openai SDKs and every
// OpenAI-compatible tool.
import { chatCompletionRequestSchema } from "@/lib/ai/openai/chat-request";
import { toOpenAIUsage } from "@/lib/ai/translate/usage";
import { readAiBody } from "@/lib/ai/gateway/read-ai-body";
import { runChat } from "@/lib/ai/gateway/run-chat";
import { openAIStreamEncoder } from "@/lib/ai/gateway/stream-encoders";
import type { AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import type { IncomingCall, PlainAnswer } from "@/lib/gateway/gateway-answer";

export async function handleChatCompletions(incoming: IncomingCall, context: AiRequestContext): Promise<PlainAnswer> {
  const { body, bytes } = await readAiBody(incoming, chatCompletionRequestSchema);
  const wantsUsage = body.stream_options?.include_usage === true;
  return runChat(
    {
      body,
      bytesIn: bytes,
      path: "/chat/completions",
      encoder: () => openAIStreamEncoder(wantsUsage),
      present: (completion, usage) => ({ ...completion, usage: completion.usage ?? toOpenAIUsage(usage) }),
    },
    context,
  );
}
