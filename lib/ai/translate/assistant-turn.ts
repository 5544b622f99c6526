// The model's side of a turn, request history or answer alike: OpenAI carries it as one text and
// tool_calls whose arguments are JSON text, Anthropic as text and tool_use blocks with object input.
import type { ContentBlock } from "@/lib/ai/anthropic/content-blocks";
import type { ResponseBlock } from "@/lib/ai/anthropic/message-response";
import type { ToolCall } from "@/lib/ai/openai/chat-messages";
import { joinText } from "./content";

/** Text blocks joined into one string (what every compatible server takes), tool_use blocks as tool_calls. */
export function toAssistantMessage(blocks: readonly ContentBlock[]): {
  role: "assistant";
  content: string | null;
  tool_calls?: ToolCall[];
} {
  const text = joinText(blocks.filter((block) => block.type === "text"));
  const toolCalls: ToolCall[] = blocks.flatMap((block) =>
    block.type === "tool_use"
      ? [{ id: block.id, type: "function", function: { name: block.name, arguments: JSON.stringify(block.input) } }]
      : [],
  );
  if (toolCalls.length === 0) return { role: "assistant", content: text };
  return { role: "assistant", content: text === "" ? null : text, tool_calls: toolCalls };
}

/** A text block when there is text, then one tool_use block per call. */
export function toAssistantBlocks(text: string, toolCalls: readonly ToolCall[] | null | undefined): ResponseBlock[] {
  const blocks: ResponseBlock[] = text === "" ? [] : [{ type: "text", text }];
  for (const call of toolCalls ?? [])
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseToolInput(call.function.arguments) });
  return blocks;
}

/**
 * Anthropic needs the input as an object; arguments a model wrote broken (or as a non-object) become
 * `{}` rather than making the whole request or answer fail to translate.
 */
function parseToolInput(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
