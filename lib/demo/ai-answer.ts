// The deterministic "model" behind the demo AI provider and the tests' fake provider: it echoes the
// last user (or tool) message, calls a tool with arguments built from the tool's JSON schema, and
// never writes more output tokens than the cap it was given, counted as lib/ai/tokens.ts counts.
import { createHash } from "node:crypto";
import { countChatOutputTokens, countTextTokens } from "@/lib/ai/tokens";
import { truncateToTokens } from "@/lib/demo/ai-text";

/** At most this many words are echoed, so an answer stays short whatever the prompt. */
const ECHOED_WORDS = 64;

type MessageLike = { role: string; content?: string | readonly { type: string; text?: string | null }[] | null };
export type ToolLike = { name: string; parameters?: unknown };

export type AnswerRequest = {
  messages: readonly MessageLike[];
  /** the tool to call, or null for a text answer */
  tool: ToolLike | null;
  /** answer in JSON: `{}` for json_object, or the JSON schema to fill */
  json: { schema?: unknown } | null;
  maxTokens: number;
};

export type PlannedAnswer = {
  text: string;
  toolCall: { id: string; name: string; arguments: string } | null;
  /** `length` when the cap cut the answer; each wire format has its own name for these */
  finish: "stop" | "length" | "tool";
  outputTokens: number;
};

export function planAnswer(request: AnswerRequest): PlannedAnswer {
  const words = echoSource(request.messages).split(/\s+/).filter(Boolean).slice(0, ECHOED_WORDS);
  // A cap too small for even the tool's name gets a cut text answer instead: output never passes the cap.
  if (request.tool && countTextTokens(request.tool.name) <= request.maxTokens) return planToolCall(request.tool, words, request.maxTokens);
  const echoed = words.length > 0 ? words.join(" ") : "(an empty message)";
  const full = request.json ? JSON.stringify(valueFor(request.json.schema ?? echoSchema, echoed)) : `Echo: ${echoed}`;
  const text = truncateToTokens(full, request.maxTokens);
  return { text, toolCall: null, finish: text === full ? "stop" : "length", outputTokens: countTextTokens(text) };
}

function planToolCall(tool: ToolLike, words: string[], maxTokens: number): PlannedAnswer {
  const full = JSON.stringify(valueFor(tool.parameters, words.slice(0, 8).join(" ") || "demo"));
  // The name is never cut; the arguments take what the cap leaves (then they are not valid JSON, as with a real model).
  const args = truncateToTokens(full, Math.max(0, maxTokens - countTextTokens(tool.name)));
  const id = `call_${createHash("sha256").update(`${tool.name}\n${args}`).digest("hex").slice(0, 24)}`;
  const toolCall = { id, name: tool.name, arguments: args };
  const outputTokens = countChatOutputTokens({ tool_calls: [{ function: toolCall }] });
  return { text: "", toolCall, finish: args === full ? "tool" : "length", outputTokens };
}

/** The text of the last user or tool message: what the demo model answers to. */
function echoSource(messages: readonly MessageLike[]): string {
  const last = messages.findLast((message) => message.role === "user" || message.role === "tool");
  const content = last?.content;
  if (typeof content === "string") return content;
  return (content ?? []).flatMap((part) => (part.type === "text" && part.text ? [part.text] : [])).join(" ");
}

const echoSchema = { type: "object", properties: { echo: { type: "string" } }, required: ["echo"] };

type SchemaLike = { type?: unknown; enum?: unknown; properties?: unknown; required?: unknown; items?: unknown };

/** A value that satisfies the simple JSON schemas tools declare: the required properties, each of its type. */
function valueFor(schema: unknown, text: string): unknown {
  const node = (typeof schema === "object" && schema !== null ? schema : {}) as SchemaLike;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === "string") return text;
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (type === "null") return null;
  if (type === "array") return [];
  const properties = (typeof node.properties === "object" && node.properties !== null ? node.properties : {}) as Record<string, unknown>;
  const required = Array.isArray(node.required) ? node.required.filter((name): name is string => typeof name === "string") : null;
  const value: Record<string, unknown> = {};
  for (const name of required ?? Object.keys(properties)) value[name] = valueFor(properties[name], text);
  return value;
}
