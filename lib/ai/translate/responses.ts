// A whole (non-streamed) answer in the other format, for callers whose format is not the provider's.
import type { AnthropicMessageResponse } from "@/lib/ai/anthropic/message-response";
import type { ChatCompletion } from "@/lib/ai/openai/chat-response";
import type { TokenUsage } from "@/lib/ai/types";
import { toAssistantBlocks, toAssistantMessage } from "./assistant-turn";
import { toFinishReason, toStopReason } from "./stop-reasons";
import { NO_USAGE } from "./stream-translator";
import { toAnthropicUsage, toOpenAIUsage, usageFromAnthropic, usageFromOpenAI } from "./usage";

/**
 * An Anthropic message as a chat.completion: text blocks joined into `content`, tool_use blocks as
 * tool_calls, the stop reason mapped, usage canonical. `model` is the id the caller asked for.
 */
export function anthropicToOpenAIResponse(message: AnthropicMessageResponse, options: { model: string; created?: number }): ChatCompletion {
  return {
    id: message.id,
    object: "chat.completion",
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: options.model,
    choices: [
      {
        index: 0,
        message: toAssistantMessage(message.content),
        finish_reason: toFinishReason(message.stop_reason),
        logprobs: null,
      },
    ],
    usage: toOpenAIUsage(usageFromAnthropic(message.usage)),
  };
}

/**
 * A chat.completion's first choice as an Anthropic message. `usage` replaces the completion's own
 * (the gateway's count when the provider reported none); without either, usage is zero.
 */
export function openAIToAnthropicResponse(
  completion: ChatCompletion,
  options: { model: string; usage?: TokenUsage },
): AnthropicMessageResponse {
  const choice = completion.choices[0];
  const text = choice?.message.content || choice?.message.refusal || "";
  const usage = options.usage ?? (completion.usage ? usageFromOpenAI(completion.usage) : NO_USAGE);
  return {
    id: completion.id,
    type: "message",
    role: "assistant",
    model: options.model,
    content: toAssistantBlocks(text, choice?.message.tool_calls),
    stop_reason: toStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(usage),
  };
}
