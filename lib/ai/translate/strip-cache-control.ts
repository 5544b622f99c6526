// Anthropic's prompt-cache marks ride along on a translated /messages request (content.ts) so that an
// Anthropic provider gets them back; for an OpenAI-compatible provider the /messages handler strips them
// (lib/ai/gateway/messages.ts): OpenAI caches long prompts by itself and refuses properties it does not
// know inside messages. A Chat Completions caller's own marks pass through like any unknown field.
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
