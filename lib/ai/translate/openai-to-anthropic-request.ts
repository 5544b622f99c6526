// A Chat Completions request as the Anthropic Messages request an Anthropic provider takes.
import type { ContentBlock, TextBlock } from "@/lib/ai/anthropic/content-blocks";
import type { AnthropicMessage, AnthropicToolChoice, MessagesRequest } from "@/lib/ai/anthropic/messages-request";
import type { AssistantMessage, ToolMessage, UserMessage } from "@/lib/ai/openai/chat-messages";
import type { ChatCompletionRequest, ResponseFormat } from "@/lib/ai/openai/chat-request";
import { joinText, keepCacheControl, toImageBlock, toTextBlock } from "./content";
import { toAssistantBlocks } from "./assistant-turn";

/**
 * The same conversation as a Messages request: system and developer messages joined into `system`,
 * tool calls → tool_use blocks, runs of tool messages → one user message of tool_result blocks,
 * response_format → an instruction in `system` (Anthropic has no such field). `maxTokens` is the
 * effective output cap the caller reserved for, since Anthropic requires one.
 */
export function openAIToAnthropicRequest(request: ChatCompletionRequest, options: { maxTokens: number }): MessagesRequest {
  const system: (string | TextBlock[])[] = [];
  const turns: AnthropicMessage[] = [];
  for (const message of request.messages) {
    if (message.role === "system" || message.role === "developer")
      system.push(typeof message.content === "string" ? message.content : message.content.map(toTextBlock));
    else if (message.role === "user") appendTurn(turns, "user", translateUserContent(message.content));
    else if (message.role === "tool") appendTurn(turns, "user", [translateToolMessage(message)]);
    else appendTurn(turns, "assistant", translateAssistantMessage(message));
  }
  const instruction = instructionFor(request.response_format);
  if (instruction) system.push(instruction);

  const messages: MessagesRequest = { model: request.model, max_tokens: options.maxTokens, messages: turns };
  if (system.length > 0) messages.system = joinSystem(system);
  if (request.tools?.length) {
    messages.tools = request.tools.map(({ function: tool }) => ({
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      input_schema: tool.parameters ?? { type: "object", properties: {} },
    }));
    const choice = translateToolChoice(request);
    if (choice) messages.tool_choice = choice;
  }
  const stop = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (stop?.length) messages.stop_sequences = stop;
  // Anthropic takes temperature in 0–1 where OpenAI takes 0–2: values above 1 become 1 (most random)
  // rather than scaling every value, so the common settings (0, 0.2, 0.7, 1) keep their meaning.
  if (request.temperature != null) messages.temperature = Math.min(request.temperature, 1);
  if (request.top_p != null) messages.top_p = request.top_p;
  if (request.user) messages.metadata = { user_id: request.user };
  if (request.stream) messages.stream = true;
  return messages;
}

/** Strings stay one string when every part was a string, so a plain system prompt comes back plain. */
function joinSystem(system: (string | TextBlock[])[]): string | TextBlock[] {
  if (system.every((part) => typeof part === "string")) return system.join("\n\n");
  return system.flatMap((part) => (typeof part === "string" ? [{ type: "text" as const, text: part }] : part));
}

function instructionFor(format: ResponseFormat | undefined): string | null {
  if (format?.type === "json_object") return "Answer with one valid JSON object and nothing else: no prose, no code fences.";
  if (format?.type !== "json_schema") return null;
  const schema = JSON.stringify(format.json_schema.schema ?? {});
  return `Answer with one valid JSON value and nothing else (no prose, no code fences) that conforms to this JSON Schema, named "${format.json_schema.name}":\n${schema}`;
}

function translateToolChoice(request: ChatCompletionRequest): AnthropicToolChoice | null {
  const choice = request.tool_choice;
  const parallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any", ...parallel };
  if (typeof choice === "object") return { type: "tool", name: choice.function.name, ...parallel };
  return choice === "auto" || request.parallel_tool_calls === false ? { type: "auto", ...parallel } : null;
}

/**
 * Adjacent messages of one role become one turn: tool results and the user text after them belong
 * to the user turn that answers the tool calls. A lone string stays a string.
 */
function appendTurn(turns: AnthropicMessage[], role: AnthropicMessage["role"], content: string | ContentBlock[]): void {
  if (content.length === 0) return;
  const last = turns.at(-1);
  if (last?.role !== role) {
    turns.push({ role, content });
    return;
  }
  last.content = [...asBlocks(last.content), ...asBlocks(content)];
}

const asBlocks = (content: string | ContentBlock[]): ContentBlock[] =>
  typeof content === "string" ? [{ type: "text", text: content }] : content;

function translateUserContent(content: UserMessage["content"]): string | ContentBlock[] {
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? toTextBlock(part) : toImageBlock(part)));
}

function translateToolMessage(message: ToolMessage): ContentBlock {
  const content = typeof message.content === "string" ? message.content : message.content.map(toTextBlock);
  return keepCacheControl({ type: "tool_result", tool_use_id: message.tool_call_id, content }, message);
}

function translateAssistantMessage(message: AssistantMessage): string | ContentBlock[] {
  const content = typeof message.content === "string" ? message.content : joinText(message.content?.map(refusalAsText));
  const text = content || (message.refusal ?? "");
  return message.tool_calls?.length ? toAssistantBlocks(text, message.tool_calls) : text;
}

const refusalAsText = (part: { type: string; text?: string; refusal?: unknown }) =>
  part.type === "refusal" ? { type: "text", text: String(part.refusal) } : part;
