// An Anthropic Messages request as the Chat Completions request Tollgate routes, prices and sends.
import type { ContentBlock, ToolResultBlock } from "@/lib/ai/anthropic/content-blocks";
import type { AnthropicMessage, AnthropicToolChoice, MessagesRequest } from "@/lib/ai/anthropic/messages-request";
import type { ChatMessage, ImagePart, TextPart } from "@/lib/ai/openai/chat-messages";
import type { ChatCompletionRequest, ToolChoice } from "@/lib/ai/openai/chat-request";
import { toAssistantMessage } from "./assistant-turn";
import { keepCacheControl, toImagePart, toTextPart } from "./content";

/**
 * The same conversation as a Chat Completions request: system → a system message, tool_use →
 * assistant tool_calls (arguments as JSON text), tool_result → tool messages, stop_sequences → stop.
 * Dropped, having no Chat Completions form: top_k, thinking blocks, a tool result's is_error.
 */
export function anthropicToOpenAIRequest(request: MessagesRequest): ChatCompletionRequest {
  const messages: ChatMessage[] = [];
  if (request.system !== undefined)
    messages.push({ role: "system", content: typeof request.system === "string" ? request.system : request.system.map(toTextPart) });
  for (const message of request.messages) messages.push(...translateMessage(message));

  const chat: ChatCompletionRequest = { model: request.model, messages, max_tokens: request.max_tokens };
  if (request.tools?.length) {
    chat.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        parameters: tool.input_schema,
      },
    }));
  }
  if (request.tool_choice) {
    chat.tool_choice = translateToolChoice(request.tool_choice);
    if (request.tool_choice.type !== "none" && request.tool_choice.disable_parallel_tool_use) chat.parallel_tool_calls = false;
  }
  if (request.stop_sequences?.length) chat.stop = request.stop_sequences;
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.metadata?.user_id) chat.user = request.metadata.user_id;
  // Anthropic streams always report usage; ask the OpenAI side for the same.
  if (request.stream) Object.assign(chat, { stream: true, stream_options: { include_usage: true } });
  return chat;
}

function translateToolChoice(choice: AnthropicToolChoice): ToolChoice {
  if (choice.type === "tool") return { type: "function", function: { name: choice.name } };
  return choice.type === "any" ? "required" : choice.type;
}

function translateMessage(message: AnthropicMessage): ChatMessage[] {
  const { content } = message;
  if (typeof content === "string") return [{ role: message.role, content }];
  return message.role === "user" ? translateUserBlocks(content) : [toAssistantMessage(content)];
}

/** Tool results first, as tool messages (Chat Completions wants them right after the tool calls), then the rest. */
function translateUserBlocks(blocks: ContentBlock[]): ChatMessage[] {
  const toolMessages: ChatMessage[] = [];
  const parts: (TextPart | ImagePart)[] = [];
  for (const block of blocks) {
    if (block.type === "tool_result") {
      const { message, images } = translateToolResult(block);
      toolMessages.push(message);
      parts.push(...images);
    } else if (block.type === "text") parts.push(toTextPart(block));
    else if (block.type === "image") parts.push(toImagePart(block));
  }
  return parts.length > 0 ? [...toolMessages, { role: "user", content: parts }] : toolMessages;
}

/** A tool message carries only text: a result's images follow in the next user message. */
function translateToolResult(block: ToolResultBlock): { message: ChatMessage; images: ImagePart[] } {
  const result = block.content ?? "";
  const content = typeof result === "string" ? result : result.flatMap((part) => (part.type === "text" ? [toTextPart(part)] : []));
  const images = typeof result === "string" ? [] : result.flatMap((part) => (part.type === "image" ? [toImagePart(part)] : []));
  return { message: keepCacheControl({ role: "tool", tool_call_id: block.tool_use_id, content }, block), images };
}
