// A streamed Anthropic answer as the chat.completion.chunk stream an OpenAI caller reads.
import type { AnthropicUsage } from "@/lib/ai/anthropic/message-response";
import type { AnthropicStreamEvent } from "@/lib/ai/anthropic/stream-events";
import type { ChatCompletionChunk, FinishReason } from "@/lib/ai/openai/chat-response";
import type { TokenUsage } from "@/lib/ai/types";
import { toFinishReason } from "./stop-reasons";
import { NO_USAGE, type StreamTranslator } from "./stream-translator";
import { mergeAnthropicUsage, toOpenAIUsage, usageFromAnthropic } from "./usage";

type AnthropicEvent = Exclude<AnthropicStreamEvent, { type: "error" }>;
type Delta = ChatCompletionChunk["choices"][number]["delta"];

/**
 * Anthropic events → OpenAI chunks: a role chunk at message_start, text deltas, tool calls (id and
 * name first, then argument fragments, indexed from 0 in order), the finish_reason at message_delta,
 * and at `end` a usage chunk (no choices) when `includeUsage`. Error events are the caller's to
 * answer (they end the stream), so the translator does not take them.
 */
export function anthropicEventsToOpenAIChunks(options: {
  model: string;
  includeUsage: boolean;
  created?: number;
}): StreamTranslator<AnthropicEvent, ChatCompletionChunk> {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  let id = "";
  let started = false;
  let finished = false;
  let usage: AnthropicUsage | null = null;
  // Anthropic numbers all content blocks; OpenAI numbers tool calls alone.
  const toolIndexes = new Map<number, number>();

  const chunk = (delta: Delta, finishReason: FinishReason | null = null): ChatCompletionChunk => ({
    id,
    object: "chat.completion.chunk",
    created,
    model: options.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });

  const finish = (finishReason: FinishReason): ChatCompletionChunk[] => {
    if (finished) return [];
    finished = true;
    return [chunk({}, finishReason)];
  };

  const push = (event: AnthropicEvent): ChatCompletionChunk[] => {
    switch (event.type) {
      case "message_start":
        id = event.message.id;
        started = true;
        usage = mergeAnthropicUsage(usage, event.message.usage);
        return [chunk({ role: "assistant", content: "" })];
      case "content_block_start": {
        const block = event.content_block;
        if (block.type === "text") return block.text === "" ? [] : [chunk({ content: block.text })];
        if (block.type !== "tool_use") return [];
        const index = toolIndexes.size;
        toolIndexes.set(event.index, index);
        return [chunk({ tool_calls: [{ index, id: block.id, type: "function", function: { name: block.name, arguments: "" } }] })];
      }
      case "content_block_delta": {
        const { delta } = event;
        if (delta.type === "text_delta") return [chunk({ content: delta.text })];
        const index = toolIndexes.get(event.index);
        if (delta.type !== "input_json_delta" || index === undefined) return [];
        return [chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] })];
      }
      case "message_delta":
        usage = mergeAnthropicUsage(usage, event.usage);
        return event.delta.stop_reason ? finish(toFinishReason(event.delta.stop_reason)) : [];
      default:
        return [];
    }
  };

  const end = (fallbackUsage?: TokenUsage): ChatCompletionChunk[] => {
    if (!started) return [];
    const out: ChatCompletionChunk[] = finish("stop");
    if (options.includeUsage) {
      const total = usage ? usageFromAnthropic(usage) : (fallbackUsage ?? NO_USAGE);
      out.push({ id, object: "chat.completion.chunk", created, model: options.model, choices: [], usage: toOpenAIUsage(total) });
    }
    return out;
  };

  return {
    push,
    end,
    get usage() {
      return usage && usageFromAnthropic(usage);
    },
  };
}
