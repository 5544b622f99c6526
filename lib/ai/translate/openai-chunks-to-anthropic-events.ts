// A streamed OpenAI answer as the event stream an Anthropic caller (the SDK, Claude Code) reads.
import type { StopReason } from "@/lib/ai/anthropic/message-response";
import type { AnthropicStreamEvent } from "@/lib/ai/anthropic/stream-events";
import type { ChatCompletionChunk, OpenAIUsage, ToolCallDelta } from "@/lib/ai/openai/chat-response";
import type { TokenUsage } from "@/lib/ai/types";
import { toStopReason } from "./stop-reasons";
import { NO_USAGE, type StreamTranslator } from "./stream-translator";
import { toAnthropicUsage, usageFromOpenAI } from "./usage";

/**
 * OpenAI chunks → Anthropic events: message_start with the first chunk, one content block per run
 * of text and per tool call (start, deltas, stop), and at `end` the message_delta with the stop
 * reason and the usage, then message_stop. Usage may come in any chunk; the last one wins.
 */
export function openAIChunksToAnthropicEvents(options: { model: string }): StreamTranslator<ChatCompletionChunk, AnthropicStreamEvent> {
  let started = false;
  let nextBlock = 0;
  let openBlock: number | null = null;
  let textOpen = false;
  let stopReason: StopReason | null = null;
  let usage: OpenAIUsage | null = null;
  const tools = new ToolBlocks();

  const closeBlock = (out: AnthropicStreamEvent[]) => {
    if (openBlock !== null) out.push({ type: "content_block_stop", index: openBlock });
    openBlock = null;
    textOpen = false;
  };
  const openNewBlock = (
    out: AnthropicStreamEvent[],
    block: Extract<AnthropicStreamEvent, { type: "content_block_start" }>["content_block"],
  ) => {
    closeBlock(out);
    openBlock = nextBlock++;
    out.push({ type: "content_block_start", index: openBlock, content_block: block });
    return openBlock;
  };
  const text = (out: AnthropicStreamEvent[], value: string | null | undefined) => {
    if (!value) return;
    const index = textOpen && openBlock !== null ? openBlock : openNewBlock(out, { type: "text", text: "" });
    textOpen = true;
    out.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: value } });
  };
  const toolCall = (out: AnthropicStreamEvent[], call: ToolCallDelta) => {
    const key = tools.keyOf(call);
    let index = tools.blockOf(key);
    if (index === undefined) {
      const id = call.id || `call_${key}`;
      index = openNewBlock(out, { type: "tool_use", id, name: call.function?.name ?? "", input: {} });
      tools.add(key, index);
    }
    // Providers stream calls one after another; a late fragment of an earlier call still names that
    // call's block, which the SDKs assemble by index.
    const fragment = call.function?.arguments;
    if (fragment) out.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: fragment } });
  };

  const push = (chunk: ChatCompletionChunk): AnthropicStreamEvent[] => {
    const out: AnthropicStreamEvent[] = [];
    if (!started) {
      started = true;
      out.push({
        type: "message_start",
        // Usage is not known until the end: message_delta restates all of it.
        message: {
          id: chunk.id,
          type: "message",
          role: "assistant",
          model: options.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: toAnthropicUsage(NO_USAGE),
        },
      });
    }
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return out;
    text(out, choice.delta.content);
    text(out, choice.delta.refusal);
    for (const call of choice.delta.tool_calls ?? []) toolCall(out, call);
    if (choice.finish_reason) {
      stopReason = toStopReason(choice.finish_reason);
      closeBlock(out);
    }
    return out;
  };

  const end = (fallbackUsage?: TokenUsage): AnthropicStreamEvent[] => {
    if (!started) return [];
    const out: AnthropicStreamEvent[] = [];
    closeBlock(out);
    const total = usage ? usageFromOpenAI(usage) : (fallbackUsage ?? NO_USAGE);
    out.push({
      type: "message_delta",
      delta: { stop_reason: stopReason ?? "end_turn", stop_sequence: null },
      usage: toAnthropicUsage(total),
    });
    out.push({ type: "message_stop" });
    return out;
  };

  return {
    push,
    end,
    get usage() {
      return usage && usageFromOpenAI(usage);
    },
  };
}

/**
 * Which content block each streamed tool call writes to. OpenAI numbers calls by `index`; a few
 * compatible servers leave it out, and then a new `id` starts a call and no id continues the last.
 */
class ToolBlocks {
  private readonly blocks = new Map<number, number>();
  private readonly keysById = new Map<string, number>();
  private lastKey = 0;

  keyOf(call: ToolCallDelta): number {
    if (call.index !== undefined) return (this.lastKey = call.index);
    if (!call.id) return this.lastKey;
    const known = this.keysById.get(call.id);
    if (known !== undefined) return (this.lastKey = known);
    const key = this.blocks.size === 0 ? 0 : Math.max(...this.blocks.keys()) + 1;
    this.keysById.set(call.id, key);
    return (this.lastKey = key);
  }

  blockOf = (key: number): number | undefined => this.blocks.get(key);
  add = (key: number, block: number): void => void this.blocks.set(key, block);
}
