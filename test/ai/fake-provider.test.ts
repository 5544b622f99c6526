// The fake AI provider (test/support/fake-ai-provider.ts) speaks OpenAI well enough for the official
// `openai` SDK, pointed at it directly: chat streamed and not, usage present, cached and omitted, tool
// calls, errors before and during a stream, hangs, embeddings and the model list.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countTextTokens, estimateChatInputTokens, estimateEmbeddingInputTokens } from "@/lib/ai/tokens";
import { fakeUsageFor, startFakeAiProvider, type FakeAiProvider } from "@/test/support/fake-ai-provider";
import { collect } from "@/test/support/collect";

let fake: FakeAiProvider;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeAiProvider();
  client = new OpenAI({ baseURL: fake.openAiBaseUrl, apiKey: fake.apiKey, maxRetries: 0 });
});
afterAll(() => fake.close());

const messages = [
  { role: "system" as const, content: "Answer briefly." },
  { role: "user" as const, content: "Tell me   about the weather in Rome today" },
];
const ECHO = "Echo: Tell me about the weather in Rome today";
const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city", "days"] },
  },
};

describe("chat completions", () => {
  it("echoes the last user message with exact usage", async () => {
    const body = { model: "fake-chat", messages, max_tokens: 100 };
    const answer = await client.chat.completions.create(body);
    expect(answer.object).toBe("chat.completion");
    expect(answer.choices[0]!.message.content).toBe(ECHO);
    expect(answer.choices[0]!.finish_reason).toBe("stop");
    expect(answer.usage).toMatchObject({ prompt_tokens: estimateChatInputTokens(body), completion_tokens: countTextTokens(ECHO) });
    expect(answer.usage!.total_tokens).toBe(answer.usage!.prompt_tokens + answer.usage!.completion_tokens);
    expect(fakeUsageFor("openai", body)).toEqual({
      inputTokens: answer.usage!.prompt_tokens,
      cachedInputTokens: 0,
      outputTokens: answer.usage!.completion_tokens,
    });

    const recorded = fake.requests.at(-1)!;
    expect(recorded.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(recorded.json).toMatchObject({ max_tokens: 100 });
    expect(recorded).toMatchObject({ format: "openai", completed: true, delivered: ECHO, reported: recorded.planned });
  });

  it("stops at max_tokens with finish_reason length, never past the cap", async () => {
    const answer = await client.chat.completions.create({ model: "fake-chat", messages, max_completion_tokens: 4 });
    const text = answer.choices[0]!.message.content!;
    expect(answer.choices[0]!.finish_reason).toBe("length");
    expect(ECHO.startsWith(text)).toBe(true);
    expect(answer.usage!.completion_tokens).toBe(countTextTokens(text));
    expect(answer.usage!.completion_tokens).toBeLessThanOrEqual(4);
  });

  it("streams the same text in chunks of N tokens, with a final usage chunk only when asked", async () => {
    const chunks = await collect(
      await client.chat.completions.create({
        model: "fake-chat+chunk-size:2",
        messages,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(ECHO);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBe(Math.ceil(countTextTokens(ECHO) / 2));
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("stop");
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toMatchObject({
      completion_tokens: countTextTokens(ECHO),
      prompt_tokens: estimateChatInputTokens({ messages }),
    });
    expect(fake.requests.at(-1)!.json).toMatchObject({ stream_options: { include_usage: true } });

    const without = await collect(await client.chat.completions.create({ model: "fake-chat", messages, stream: true }));
    expect(without.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1)).toBe(true);
  });

  it("reports cached input tokens, and omits usage when told to", async () => {
    const cached = await client.chat.completions.create({ model: "fake-chat+cached:5", messages });
    expect(cached.usage!.prompt_tokens_details).toMatchObject({ cached_tokens: 5 });

    const omitted = await client.chat.completions.create(
      { model: "fake-chat", messages },
      { headers: { "x-fake-behaviour": "omit-usage" } },
    );
    expect(omitted.usage).toBeUndefined();
    const stream = await client.chat.completions.create({
      model: "fake-chat+omit-usage",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(fake.requests.at(-1)).toMatchObject({ reported: null, completed: true, delivered: ECHO });
  });

  it("calls the first tool with arguments that fit its schema, streamed in several pieces", async () => {
    const body = { model: "fake-chat+tool-call", messages, tools: [weatherTool] };
    const answer = await client.chat.completions.create(body);
    const call = answer.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(answer.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Tell me about the weather in Rome today", days: 1 });
    expect(answer.usage!.completion_tokens).toBe(countTextTokens("get_weather") + countTextTokens(call.function.arguments));

    const chunks = await collect(await client.chat.completions.create({ ...body, stream: true }));
    const pieces = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(pieces[0]).toMatchObject({ index: 0, id: call.id, function: { name: "get_weather", arguments: "" } });
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.map((piece) => piece.function?.arguments ?? "").join("")).toBe(call.function.arguments);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
  });
});

describe("failures", () => {
  it("fails before any output with the provider's status and error body, once", async () => {
    const before = fake.requests.length;
    const limited = await client.chat.completions.create({ model: "fake-chat+error-before:429", messages }).catch((error) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
    const broken = await client.chat.completions
      .create({ model: "fake-chat+error-before:500", messages, stream: true })
      .catch((error) => error);
    expect(broken).toBeInstanceOf(OpenAI.InternalServerError);
    expect(fake.requests.length).toBe(before + 2);
    expect(fake.requests.at(-1)).toMatchObject({ planned: null, delivered: "", completed: false });
  });

  it("breaks the connection after K events mid-stream", async () => {
    const stream = await client.chat.completions.create({ model: "fake-chat+error-mid-stream:3", messages, stream: true });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(received).toHaveLength(3);
    expect(fake.requests.at(-1)).toMatchObject({ completed: false, delivered: received.join("") });
  });

  it("sends an in-band error event mid-stream, which the SDK raises", async () => {
    const stream = await client.chat.completions.create({ model: "fake-chat+error-event:2", messages, stream: true });
    const failure = await collect(stream).catch((error) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(failure.message).toMatch(/mid-stream/);
  });

  it("hangs until the client gives up, and waits delay-ms between chunks", async () => {
    const hung = await client.chat.completions.create({ model: "fake-chat+hang", messages }, { timeout: 300 }).catch((error) => error);
    expect(hung).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    await expect.poll(() => fake.requests.at(-1)!.aborted).toBe(true);

    const started = Date.now();
    await collect(await client.chat.completions.create({ model: "fake-chat+delay-ms:40+chunk-size:100", messages, stream: true }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 40 - 5); // role, text and finish chunks, [DONE]: three pauses
  });

  it("refuses a wrong key, a malformed body and an unknown switch", async () => {
    const wrongKey = new OpenAI({ baseURL: fake.openAiBaseUrl, apiKey: "sk-wrong", maxRetries: 0 });
    await expect(wrongKey.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(client.chat.completions.create({ model: "fake-chat", messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.chat.completions.create({ model: "fake-chat+explode", messages })).rejects.toThrow(
      /unknown fake behaviour "explode"/,
    );
  });
});

describe("embeddings and models", () => {
  it("answers deterministic unit vectors as base64 (the SDK's default) or floats, with exact usage", async () => {
    const input = ["hello world", "the quick brown fox"];
    const base64 = await client.embeddings.create({ model: "fake-embed", input });
    const floats = await client.embeddings.create({ model: "fake-embed", input, encoding_format: "float", dimensions: 64 });
    expect(base64.data.map((item) => item.embedding)).toEqual(floats.data.map((item) => item.embedding));
    expect(floats.data[0]!.embedding).toHaveLength(64);
    expect(Math.hypot(...floats.data[1]!.embedding)).toBeCloseTo(1, 5);
    expect(floats.usage).toEqual({ prompt_tokens: estimateEmbeddingInputTokens(input), total_tokens: estimateEmbeddingInputTokens(input) });
  });

  it("lists its models", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(["fake-chat", "fake-embed"]);
  });
});
