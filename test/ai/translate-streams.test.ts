// The two stream translators, read back the way the SDKs assemble a stream: tool arguments cut into
// many fragments, every stop reason, usage (cached tokens, the last cumulative report wins).
import { describe, expect, it } from "vitest";
import { anthropicStreamEventSchema, type AnthropicStreamEvent } from "@/lib/ai/anthropic/stream-events";
import { chatCompletionChunkSchema, type ChatCompletionChunk } from "@/lib/ai/openai/chat-response";
import { anthropicEventsToOpenAIChunks } from "@/lib/ai/translate/anthropic-events-to-openai-chunks";
import { openAIChunksToAnthropicEvents } from "@/lib/ai/translate/openai-chunks-to-anthropic-events";
import { anthropicToolStream, FINISH_TO_STOP, openAIToolStream, STOP_TO_FINISH } from "./payloads";

type Event = Exclude<AnthropicStreamEvent, { type: "error" }>;

/** What the openai SDK's stream helper builds from chunks. */
function assembleChunks(chunks: ChatCompletionChunk[]) {
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  let content = "";
  let finish: string | null | undefined = null;
  for (const chunk of chunks) {
    expect(chatCompletionChunkSchema.parse(chunk)).toEqual(chunk);
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += choice.delta.content ?? "";
    for (const call of choice.delta.tool_calls ?? []) {
      const slot = (calls[call.index!] ??= { arguments: "" });
      if (call.id) slot.id = call.id;
      if (call.function?.name) slot.name = call.function.name;
      slot.arguments += call.function?.arguments ?? "";
    }
    finish = choice.finish_reason ?? finish;
  }
  const usage = chunks.at(-1)?.choices.length === 0 ? chunks.at(-1)?.usage : undefined;
  return { content, toolCalls: calls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) })), finish, usage };
}

/** What the Anthropic SDK's MessageStream builds from events, checking that blocks open and close in order. */
function assembleEvents(events: AnthropicStreamEvent[]) {
  const blocks: { type: string; text?: string; id?: string; name?: string; json?: string }[] = [];
  const open = new Set<number>();
  let stopReason: string | null | undefined;
  let usage: Record<string, unknown> = {};
  expect(events[0].type).toBe("message_start");
  expect(events.at(-1)?.type).toBe("message_stop");
  for (const event of events) {
    expect(anthropicStreamEventSchema.parse(event)).toEqual(event);
    if (event.type === "message_start") usage = { ...event.message.usage };
    if (event.type === "content_block_start") {
      expect(event.index).toBe(blocks.length);
      open.add(event.index);
      const block = event.content_block;
      blocks.push(
        block.type === "tool_use" ? { type: "tool_use", id: block.id, name: block.name, json: "" } : { type: block.type, text: "" },
      );
    }
    if (event.type === "content_block_delta") {
      expect(open.has(event.index)).toBe(true);
      if (event.delta.type === "text_delta") blocks[event.index].text += event.delta.text;
      if (event.delta.type === "input_json_delta") blocks[event.index].json += event.delta.partial_json;
    }
    if (event.type === "content_block_stop") open.delete(event.index);
    if (event.type === "message_delta") {
      expect(open.size).toBe(0);
      stopReason = event.delta.stop_reason;
      usage = { ...usage, ...event.usage };
    }
  }
  const content = blocks.map(({ json, ...block }) => (block.type === "tool_use" ? { ...block, input: JSON.parse(json || "{}") } : block));
  return { content, stopReason, usage };
}

const drive = <In, Out>(translator: { push(item: In): Out[]; end(): Out[] }, items: In[]) => [
  ...items.flatMap((item) => translator.push(item)),
  ...translator.end(),
];

describe("anthropicEventsToOpenAIChunks", () => {
  it("streams text, a tool call whose JSON arrives in fragments, the finish reason and a final usage chunk", () => {
    const translator = anthropicEventsToOpenAIChunks({ model: "claude-sonnet-4-5", includeUsage: true, created: 1 });
    const chunks = drive(translator, anthropicToolStream() as Event[]);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.every((chunk) => chunk.id === "msg_014p7gG3wDgGV9EUtLvnow3U" && chunk.model === "claude-sonnet-4-5")).toBe(true);
    expect(assembleChunks(chunks)).toEqual({
      content: "Okay, let's check the weather for San Francisco, CA:",
      toolCalls: [
        { id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", arguments: { location: "San Francisco, CA", unit: "celsius" } },
      ],
      finish: "tool_calls",
      usage: { prompt_tokens: 2620, completion_tokens: 89, total_tokens: 2709, prompt_tokens_details: { cached_tokens: 2048 } },
    });
    expect(translator.usage).toEqual({ inputTokens: 472 + 100 + 2048, cachedInputTokens: 2048, outputTokens: 89 });
  });

  it("takes the last cumulative usage, never a sum, including restated input counts", () => {
    const events = anthropicToolStream() as Event[];
    const stop = events.pop()!;
    const finish = events.pop()!;
    events.push({ type: "message_delta", delta: { stop_reason: null }, usage: { output_tokens: 40 } }, finish, {
      type: "message_delta",
      delta: { stop_reason: "tool_use" },
      usage: { output_tokens: 95, input_tokens: 480, cache_read_input_tokens: 2048, cache_creation_input_tokens: 100 },
    });
    events.push(stop);
    const translator = anthropicEventsToOpenAIChunks({ model: "m", includeUsage: true });
    const chunks = drive(translator, events);
    expect(translator.usage).toEqual({ inputTokens: 480 + 100 + 2048, cachedInputTokens: 2048, outputTokens: 95 });
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(95);
  });

  it("sends no usage chunk unless asked, and maps every stop reason", () => {
    for (const [reason, finish] of STOP_TO_FINISH) {
      const events = anthropicToolStream().map((event) =>
        event.type === "message_delta" ? { ...event, delta: { stop_reason: reason } } : event,
      );
      const chunks = drive(anthropicEventsToOpenAIChunks({ model: "m", includeUsage: false }), events as Event[]);
      expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
      expect(assembleChunks(chunks).finish).toBe(finish);
    }
  });

  it("closes a stream that ended without message_delta, and reports the fallback usage when none came", () => {
    const translator = anthropicEventsToOpenAIChunks({ model: "m", includeUsage: true });
    const start = anthropicToolStream()[0] as Extract<Event, { type: "message_start" }>;
    translator.push(start);
    const closing = translator.end({ inputTokens: 5, cachedInputTokens: 0, outputTokens: 0 });
    expect(closing.map((chunk) => chunk.choices[0]?.finish_reason ?? chunk.usage?.prompt_tokens)).toEqual(["stop", 2620]);
    expect(anthropicEventsToOpenAIChunks({ model: "m", includeUsage: true }).end()).toEqual([]);
  });
});

describe("openAIChunksToAnthropicEvents", () => {
  it("streams each parallel tool call as its own block, arguments in many fragments, then stop reason and usage", () => {
    const translator = openAIChunksToAnthropicEvents({ model: "gpt-4o-mini" });
    const events = drive(translator, openAIToolStream());
    expect(assembleEvents(events)).toEqual({
      content: [
        { type: "tool_use", id: "call_abc123", name: "get_weather", input: { location: "Boston, MA" } },
        { type: "tool_use", id: "call_def456", name: "get_weather", input: { location: "Paris, France", unit: "celsius" } },
      ],
      stopReason: "tool_use",
      usage: { input_tokens: 93, output_tokens: 46, cache_creation_input_tokens: 0, cache_read_input_tokens: 1024 },
    });
    expect(events.filter((event) => event.type === "content_block_delta").length).toBeGreaterThan(15);
    expect(translator.usage).toEqual({ inputTokens: 1117, cachedInputTokens: 1024, outputTokens: 46 });
  });

  const chunk = (
    delta: ChatCompletionChunk["choices"][number]["delta"],
    finish_reason: string | null = null,
    usage?: ChatCompletionChunk["usage"],
  ) => ({
    id: "chatcmpl-1",
    object: "chat.completion.chunk" as const,
    created: 1,
    model: "gpt-4o-mini",
    choices: [{ index: 0, delta, finish_reason }],
    usage,
  });

  it("maps every finish reason, opens a new block when text follows a tool call, and takes the last usage", () => {
    for (const [reason, stop] of FINISH_TO_STOP) {
      const translator = openAIChunksToAnthropicEvents({ model: "m" });
      const usage = (completion_tokens: number) => ({ prompt_tokens: 20, completion_tokens, total_tokens: 20 + completion_tokens });
      const events = drive(translator, [
        chunk({ role: "assistant", content: "Let me " }, null, usage(2)),
        chunk({ content: "check." }, null, usage(4)),
        chunk({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "f", arguments: '{"q":' } }] }, null, usage(9)),
        chunk({ tool_calls: [{ index: 0, function: { arguments: "1}" } }] }, null, usage(11)),
        chunk({ content: " Done." }, reason, usage(13)),
      ]);
      const assembled = assembleEvents(events);
      expect(assembled.content).toEqual([
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "call_1", name: "f", input: { q: 1 } },
        { type: "text", text: " Done." },
      ]);
      expect(assembled.stopReason).toBe(stop);
      expect(translator.usage).toEqual({ inputTokens: 20, cachedInputTokens: 0, outputTokens: 13 });
    }
  });

  it("follows tool calls sent without index (a new id starts a call), and reports null usage then the fallback", () => {
    const translator = openAIChunksToAnthropicEvents({ model: "m" });
    const streamed = [
      ...translator.push(chunk({ tool_calls: [{ id: "a", function: { name: "f", arguments: '{"x":' } }] })),
      ...translator.push(chunk({ tool_calls: [{ function: { arguments: "1}" } }] })),
      ...translator.push(chunk({ tool_calls: [{ id: "b", function: { name: "g", arguments: "{}" } }] }, "tool_calls")),
    ];
    expect(translator.usage).toBeNull();
    const all = [...streamed, ...translator.end({ inputTokens: 7, cachedInputTokens: 0, outputTokens: 3 })];
    expect(assembleEvents(all)).toMatchObject({
      content: [
        { type: "tool_use", id: "a", name: "f", input: { x: 1 } },
        { type: "tool_use", id: "b", name: "g", input: {} },
      ],
      usage: { input_tokens: 7, output_tokens: 3 },
    });
  });

  it("sends nothing for a stream that never started", () => {
    expect(openAIChunksToAnthropicEvents({ model: "m" }).end()).toEqual([]);
  });
});

describe("streams both ways", () => {
  it("Anthropic events → OpenAI chunks → Anthropic events keep text, tool input, stop reason and usage", () => {
    const chunks = drive(anthropicEventsToOpenAIChunks({ model: "m", includeUsage: true }), anthropicToolStream() as Event[]);
    const back = openAIChunksToAnthropicEvents({ model: "m" });
    const assembled = assembleEvents(drive(back, chunks));
    expect(assembled.content).toEqual([
      { type: "text", text: "Okay, let's check the weather for San Francisco, CA:" },
      {
        type: "tool_use",
        id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
        name: "get_weather",
        input: { location: "San Francisco, CA", unit: "celsius" },
      },
    ]);
    expect(assembled.stopReason).toBe("tool_use");
    expect(back.usage).toEqual({ inputTokens: 2620, cachedInputTokens: 2048, outputTokens: 89 });
  });

  it("arguments cut into one-character fragments arrive whole", () => {
    const text = JSON.stringify({ query: "weather in Zürich ☀️", days: [1, 2, 3], nested: { 'quote"d': "a\\b" } });
    const events: Event[] = [
      anthropicToolStream()[0] as Event,
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "search", input: {} } },
      ...[...text].map((partial_json): Event => ({
        type: "content_block_delta",
        index: 0,
        delta: { type: "input_json_delta", partial_json },
      })),
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 30 } },
      { type: "message_stop" },
    ];
    const chunks = drive(anthropicEventsToOpenAIChunks({ model: "m", includeUsage: false }), events);
    expect(assembleChunks(chunks).toolCalls[0].arguments).toEqual(JSON.parse(text));
    const back = assembleEvents(drive(openAIChunksToAnthropicEvents({ model: "m" }), chunks));
    expect(back.content).toEqual([{ type: "tool_use", id: "toolu_1", name: "search", input: JSON.parse(text) }]);
  });
});
