// Anthropic's prompt-cache marks ride along on translated requests (content.ts) for providers that read
// them (Anthropic, OpenRouter); OpenAI itself refuses properties it does not know inside messages.
import type { ChatMessage } from "@/lib/ai/openai/chat-messages";
import type { ChatCompletionRequest } from "@/lib/ai/openai/chat-request";

/** A copy of `request` without `cache_control` on any message or content part, for plain OpenAI-compatible providers. */
export function stripCacheControl(request: ChatCompletionRequest): ChatCompletionRequest {
  return { ...request, messages: request.messages.map(stripMessage) };
}

function stripMessage(message: ChatMessage): ChatMessage {
  const { cache_control: _mark, ...rest } = message;
  const { content } = rest;
  if (!Array.isArray(content)) return rest as ChatMessage;
  return { ...rest, content: content.map(({ cache_control: _partMark, ...part }) => part) } as ChatMessage;
}
