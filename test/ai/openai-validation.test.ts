// The OpenAI schemas: what they accept (unknown fields pass on to the provider) and what callers read
// when a request is wrong: a plain message and the dotted path of the first bad field in `param`.
import { describe, expect, it } from "vitest";
import { chatCompletionRequestSchema } from "@/lib/ai/openai/chat-request";
import { chatCompletionChunkSchema, chatCompletionSchema } from "@/lib/ai/openai/chat-response";
import { describeZodError } from "@/lib/ai/openai/describe-zod-error";
import { embeddingsRequestSchema, embeddingsResponseSchema } from "@/lib/ai/openai/embeddings";
import { openAIRequest, openAIToolStream } from "./payloads";

function errorFor(
  body: unknown,
  schema: typeof chatCompletionRequestSchema | typeof embeddingsRequestSchema = chatCompletionRequestSchema,
) {
  const result = schema.safeParse(body);
  if (result.success) throw new Error("expected the body to be refused");
  return describeZodError(result.error, body);
}

const chat = (changes: Record<string, unknown>) => ({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }], ...changes });
const withMessage = (message: Record<string, unknown>) => chat({ messages: [{ role: "user", content: "Hi" }, message] });

describe("chatCompletionRequestSchema", () => {
  it("accepts every message kind and option, and passes unknown fields through", () => {
    const body = { ...openAIRequest, seed: 42, reasoning_effort: "low", n: 1, logit_bias: { "50256": -100 } };
    body.messages = [
      ...body.messages,
      { role: "assistant", content: [{ type: "refusal", refusal: "I can't help with that." }], provider_extra: true },
    ];
    const parsed = chatCompletionRequestSchema.parse(body);
    expect(parsed).toEqual(body);
    expect(parsed.seed).toBe(42);
  });

  it("accepts n = 1 or no n, and refuses any other n by name", () => {
    expect(chatCompletionRequestSchema.safeParse(chat({ n: 1 })).success).toBe(true);
    expect(chatCompletionRequestSchema.safeParse(chat({ n: null })).success).toBe(true);
    expect(errorFor(chat({ n: 3 }))).toEqual({
      param: "n",
      message: "Invalid value for 'n': only n = 1 is supported; send one request per completion you need.",
    });
  });

  it.each([
    [
      withMessage({ role: "bot", content: "x" }),
      "messages.1.role",
      "Invalid value for 'messages.1.role': expected one of 'system', 'developer', 'user', 'assistant', 'tool'.",
    ],
    [withMessage({ content: "x" }), "messages.1.role", "Missing required parameter: 'messages.1.role'."],
    [chat({ model: undefined }), "model", "Missing required parameter: 'model'."],
    [chat({ messages: [] }), "messages", "Invalid value for 'messages': it must have at least 1 item."],
    [
      withMessage({ role: "user", content: 5 }),
      "messages.1.content",
      "Invalid type for 'messages.1.content': expected a string or an array, but got a number instead.",
    ],
    [
      withMessage({ role: "user", content: [{ type: "text" }] }),
      "messages.1.content.0.text",
      "Missing required parameter: 'messages.1.content.0.text'.",
    ],
    [
      withMessage({ role: "user", content: [{ type: "input_video", video: "…" }] }),
      "messages.1.content.0.type",
      "Invalid value for 'messages.1.content.0.type': expected one of 'text', 'image_url'.",
    ],
    [
      withMessage({ role: "user", content: [{ type: "image_url", image_url: { url: "file:///etc/passwd" } }] }),
      "messages.1.content.0.image_url.url",
      "Invalid value for 'messages.1.content.0.image_url.url': use an http(s) URL or a data:image/…;base64, URL.",
    ],
    [withMessage({ role: "tool", content: "42" }), "messages.1.tool_call_id", "Missing required parameter: 'messages.1.tool_call_id'."],
    [
      withMessage({ role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: { a: 1 } } }] }),
      "messages.1.tool_calls.0.function.arguments",
      "Invalid type for 'messages.1.tool_calls.0.function.arguments': expected a string, but got an object instead.",
    ],
    [chat({ temperature: 3 }), "temperature", "Invalid value for 'temperature': it must be at most 2."],
    [chat({ top_p: -0.1 }), "top_p", "Invalid value for 'top_p': it must be at least 0."],
    [chat({ stop: ["a", "b", "c", "d", "e"] }), "stop", "Invalid value for 'stop': it must have at most 4 items."],
    [chat({ max_tokens: 0 }), "max_tokens", "Invalid value for 'max_tokens': it must be at least 1."],
    [
      chat({ max_completion_tokens: 1.5 }),
      "max_completion_tokens",
      "Invalid type for 'max_completion_tokens': expected an integer, but got a number instead.",
    ],
    [chat({ tool_choice: "sometimes" }), "tool_choice", "Invalid value for 'tool_choice': expected one of 'none', 'auto', 'required'."],
    [chat({ tool_choice: { type: "function" } }), "tool_choice.function", "Missing required parameter: 'tool_choice.function'."],
    [
      chat({ tools: [{ type: "function", function: { description: "no name" } }] }),
      "tools.0.function.name",
      "Missing required parameter: 'tools.0.function.name'.",
    ],
    [
      chat({ response_format: { type: "json_schema", json_schema: { schema: {} } } }),
      "response_format.json_schema.name",
      "Missing required parameter: 'response_format.json_schema.name'.",
    ],
    [
      chat({ response_format: { type: "yaml" } }),
      "response_format.type",
      "Invalid value for 'response_format.type': expected one of 'text', 'json_object', 'json_schema'.",
    ],
    [
      chat({ stream_options: { include_usage: "yes" } }),
      "stream_options.include_usage",
      "Invalid type for 'stream_options.include_usage': expected a boolean, but got a string instead.",
    ],
    ["hello", null, "Invalid type for the request body: expected an object, but got a string instead."],
  ])("refuses a bad field with its path and a plain message (%#)", (body, param, message) => {
    expect(errorFor(body)).toEqual({ param, message });
  });

  it("never echoes what the caller sent", () => {
    const secret = "tg_live_0123456789abcdef";
    const { message } = errorFor(withMessage({ role: secret, content: secret }));
    expect(message).not.toContain(secret);
  });
});

describe("embeddingsRequestSchema", () => {
  it("accepts text, texts, a token array and token arrays, with encoding and dimensions", () => {
    for (const input of ["The food was delicious.", ["one", "two"], [1212, 318, 257], [[1212, 318], [257]]])
      expect(
        embeddingsRequestSchema.parse({ model: "text-embedding-3-small", input, encoding_format: "float", dimensions: 256 }).input,
      ).toEqual(input);
  });

  it("refuses empty input and bad options by name", () => {
    const body = (changes: Record<string, unknown>) => ({ model: "text-embedding-3-small", input: "x", ...changes });
    expect(errorFor(body({ input: undefined }), embeddingsRequestSchema)).toEqual({
      param: "input",
      message: "Missing required parameter: 'input'.",
    });
    expect(errorFor(body({ input: [] }), embeddingsRequestSchema).param).toBe("input");
    expect(errorFor(body({ input: 5 }), embeddingsRequestSchema).message).toBe(
      "Invalid type for 'input': expected a string or an array, but got a number instead.",
    );
    expect(errorFor(body({ dimensions: 0 }), embeddingsRequestSchema)).toEqual({
      param: "dimensions",
      message: "Invalid value for 'dimensions': it must be at least 1.",
    });
    expect(errorFor(body({ encoding_format: "hex" }), embeddingsRequestSchema).message).toBe(
      "Invalid value for 'encoding_format': expected one of 'float', 'base64'.",
    );
  });
});

describe("answer schemas", () => {
  it("read a completion, every chunk of a stream with usage details, and an embeddings list", () => {
    const completion = {
      id: "chatcmpl-123",
      object: "chat.completion",
      created: 1_677_652_288,
      model: "gpt-4o-mini",
      system_fingerprint: "fp_44709d6fcb",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello there, how may I assist you today?", refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21, completion_tokens_details: { reasoning_tokens: 0 } },
    };
    expect(chatCompletionSchema.parse(completion)).toEqual(completion);
    for (const chunk of openAIToolStream()) expect(chatCompletionChunkSchema.parse(chunk)).toEqual(chunk);
    const list = {
      object: "list",
      data: [{ object: "embedding", embedding: [0.0023064255, -0.009327292, -0.0028842222], index: 0 }],
      model: "text-embedding-3-small",
      usage: { prompt_tokens: 8, total_tokens: 8 },
    };
    expect(embeddingsResponseSchema.parse(list)).toEqual(list);
  });
});
