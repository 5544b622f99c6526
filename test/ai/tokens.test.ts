// Token counts (lib/ai/tokens.ts) with o200k_base: plain text, the chat input estimate (OpenAI's
// documented framing, an upper bound) and embeddings inputs.
import { encodeChat } from "gpt-tokenizer/model/gpt-4o";
import { describe, expect, it } from "vitest";
import {
  countChatOutputTokens,
  countTextTokens,
  estimateChatInputTokens,
  estimateEmbeddingInputTokens,
  IMAGE_TOKENS_UPPER_BOUND,
} from "@/lib/ai/tokens";

// o200k_base: "hello world" is ["hello", " world"], "user" and "system" one token each.
const HELLO = 2;

describe("countTextTokens", () => {
  it("counts o200k_base tokens", () => {
    expect(countTextTokens("")).toBe(0);
    expect(countTextTokens("hello world")).toBe(HELLO);
    expect(countTextTokens("user")).toBe(1);
  });

  it("counts special-token text in a prompt as plain text instead of throwing", () => {
    expect(countTextTokens("<|endoftext|>")).toBeGreaterThan(1);
    expect(countTextTokens("a <|im_start|> b")).toBeGreaterThan(3);
  });
});

describe("estimateChatInputTokens", () => {
  const user = (content: string) => ({ role: "user", content });

  it("adds 3 per message plus its role, and 3 to prime the reply (OpenAI's documented rule)", () => {
    expect(estimateChatInputTokens({ messages: [user("hello world")] })).toBe(3 + 3 + 1 + HELLO);
    const two = { messages: [{ role: "system", content: "You are helpful." }, user("hello world")] };
    expect(estimateChatInputTokens(two)).toBe(3 + (3 + 1 + countTextTokens("You are helpful.")) + (3 + 1 + HELLO));
  });

  it("is at least what the tokenizer's own ChatML encoding of GPT-4o counts", () => {
    const messages = [
      { role: "system", content: "You answer in French, briefly." },
      { role: "user", content: "What is the capital of Italy? Explain the history in detail." },
      { role: "assistant", content: "Rome. Elle est la capitale depuis 1871." },
      { role: "user", content: "And of Spain? 🇪🇸 <|endoftext|> is just text here" },
    ] as const;
    const chatMl = encodeChat(messages.map((message) => ({ ...message, content: message.content.replace("<|endoftext|>", "endoftext") })));
    expect(estimateChatInputTokens({ messages })).toBeGreaterThanOrEqual(chatMl.length);
  });

  it("counts names, text parts and a fixed bound per image", () => {
    const parts = [
      { type: "text", text: "hello" },
      { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "high" } },
      { type: "text", text: " world" },
    ];
    const base = 3 + 3 + 1;
    expect(estimateChatInputTokens({ messages: [{ role: "user", content: parts }] })).toBe(base + 1 + IMAGE_TOKENS_UPPER_BOUND + 1);
    expect(estimateChatInputTokens({ messages: [{ role: "user", content: "hello world", name: "alice" }] })).toBe(
      base + HELLO + 1 + countTextTokens("alice"),
    );
  });

  it("counts an unknown part by its JSON, so new part types are never free", () => {
    const audio = { type: "input_audio", input_audio: { data: "UklGRiQAAABXQVZFZm10", format: "wav" } };
    expect(estimateChatInputTokens({ messages: [{ role: "user", content: [audio] }] })).toBe(
      3 + 3 + 1 + countTextTokens(JSON.stringify(audio)),
    );
  });

  it("counts tool calls, tool results and tool definitions as JSON", () => {
    const tool = {
      type: "function",
      function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
    };
    const call = { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } };
    const messages = [
      user("weather?"),
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: "call_1", content: "sunny" },
    ];
    const expected =
      3 +
      (3 + 1 + countTextTokens("weather?")) +
      (3 +
        countTextTokens("assistant") +
        3 +
        countTextTokens("call_1") +
        countTextTokens("get_weather") +
        countTextTokens('{"city":"Rome"}')) +
      (3 + countTextTokens("tool") + countTextTokens("sunny") + countTextTokens("call_1"));
    expect(estimateChatInputTokens({ messages })).toBe(expected);
    expect(estimateChatInputTokens({ messages, tools: [tool] })).toBe(expected + 12 + 7 + countTextTokens(JSON.stringify(tool)));
  });

  it("counts a JSON response schema and a named tool choice, not a plain text format", () => {
    const messages = [user("hello world")];
    const base = estimateChatInputTokens({ messages });
    expect(estimateChatInputTokens({ messages, response_format: { type: "text" }, tool_choice: "auto" })).toBe(base);
    const format = {
      type: "json_schema",
      json_schema: { name: "answer", schema: { type: "object", properties: { a: { type: "string" } } } },
    };
    expect(estimateChatInputTokens({ messages, response_format: format })).toBe(base + countTextTokens(JSON.stringify(format)));
    const choice = { type: "function", function: { name: "f" } };
    expect(estimateChatInputTokens({ messages, tool_choice: choice })).toBe(base + countTextTokens(JSON.stringify(choice)));
  });
});

describe("countChatOutputTokens", () => {
  it("counts the text and each tool call's name and arguments", () => {
    expect(countChatOutputTokens({ content: "hello world" })).toBe(HELLO);
    const call = { id: "call_1", function: { name: "get_weather", arguments: '{"city":"Rome"}' } };
    expect(countChatOutputTokens({ content: null, tool_calls: [call] })).toBe(
      countTextTokens("get_weather") + countTextTokens('{"city":"Rome"}'),
    );
  });
});

describe("estimateEmbeddingInputTokens", () => {
  it("counts text, lists of texts and token arrays exactly", () => {
    expect(estimateEmbeddingInputTokens("hello world")).toBe(HELLO);
    expect(estimateEmbeddingInputTokens(["hello world", "user"])).toBe(HELLO + 1);
    expect(estimateEmbeddingInputTokens([15339, 1917, 0])).toBe(3);
    expect(estimateEmbeddingInputTokens([[15339, 1917], [0]])).toBe(3);
  });
});
