// The demo AI provider (lib/demo/ai-upstream.ts) through the official `openai` SDK, in-process: the
// SDK's fetch goes straight to the function the route handler mounts at /api/demo/ai/v1.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { countTextTokens, estimateChatInputTokens, estimateEmbeddingInputTokens } from "@/lib/ai/tokens";
import { handleDemoAiRequest } from "@/lib/demo/ai-upstream";
import { collect } from "@/test/support/collect";

const BASE = "http://localhost:3000/api/demo/ai/v1";

const client = new OpenAI({
  baseURL: BASE,
  apiKey: "not-needed",
  maxRetries: 0,
  fetch: async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.slice(new URL(BASE).pathname.length + 1);
    return handleDemoAiRequest(request, path.split("/").map(decodeURIComponent));
  },
});

const messages = [{ role: "user" as const, content: "What is the weather in Paris?" }];
const ECHO = "Echo: What is the weather in Paris?";
const weather = {
  type: "function" as const,
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

describe("the demo AI provider", () => {
  it("lists and describes its models", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(["demo-chat", "demo-embed"]);
    expect(await client.models.retrieve("demo-chat")).toMatchObject({ id: "demo-chat", object: "model", owned_by: "tollgate-demo" });
    await expect(client.models.retrieve("gpt-nothing")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("answers a chat with usage counted as lib/ai/tokens.ts counts", async () => {
    const answer = await client.chat.completions.create({ model: "demo-chat", messages });
    expect(answer.choices[0]).toMatchObject({ finish_reason: "stop", message: { role: "assistant", content: ECHO } });
    expect(answer.usage).toMatchObject({ prompt_tokens: estimateChatInputTokens({ messages }), completion_tokens: countTextTokens(ECHO) });
  });

  it("streams token by token, with the usage chunk only when asked", async () => {
    const chunks = await collect(
      await client.chat.completions.create({ model: "demo-chat", messages, stream: true, stream_options: { include_usage: true } }),
    );
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(ECHO);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBe(countTextTokens(ECHO));
    expect(chunks.at(-1)!.usage).toMatchObject({ completion_tokens: countTextTokens(ECHO) });
    const plain = await collect(await client.chat.completions.create({ model: "demo-chat", messages, stream: true }));
    expect(plain.some((chunk) => chunk.usage)).toBe(false);
  });

  it("calls the tool it is given, then answers the tool's result in text", async () => {
    const first = await client.chat.completions.create({ model: "demo-chat", messages, tools: [weather] });
    const call = first.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "What is the weather in Paris?" });

    const second = await client.chat.completions.create({
      model: "demo-chat",
      tools: [weather],
      messages: [...messages, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "Sunny, 24 °C" }],
    });
    expect(second.choices[0]!.message.content).toBe("Echo: Sunny, 24 °C");
    const none = await client.chat.completions.create({ model: "demo-chat", messages, tools: [weather], tool_choice: "none" });
    expect(none.choices[0]!.message.content).toBe(ECHO);
  });

  it("answers in JSON when asked, and stops at max_tokens", async () => {
    const object = await client.chat.completions.create({ model: "demo-chat", messages, response_format: { type: "json_object" } });
    expect(JSON.parse(object.choices[0]!.message.content!)).toEqual({ echo: "What is the weather in Paris?" });
    const schema = { type: "object", properties: { n: { type: "integer" }, ok: { type: "boolean" } }, required: ["n", "ok"] };
    const fitted = await client.chat.completions.create({
      model: "demo-chat",
      messages,
      response_format: { type: "json_schema", json_schema: { name: "result", schema } },
    });
    expect(JSON.parse(fitted.choices[0]!.message.content!)).toEqual({ n: 1, ok: true });

    const cut = await client.chat.completions.create({ model: "demo-chat", messages, max_tokens: 3 });
    expect(cut.choices[0]!.finish_reason).toBe("length");
    expect(cut.usage!.completion_tokens).toBeLessThanOrEqual(3);
  });

  it("refuses what a provider refuses: unknown models, caps above the model's, n > 1, broken JSON", async () => {
    await expect(client.chat.completions.create({ model: "gpt-nothing", messages })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.chat.completions.create({ model: "demo-embed", messages })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.chat.completions.create({ model: "demo-chat", messages, max_tokens: 5_000 })).rejects.toThrow(/at most 1024/);
    await expect(client.chat.completions.create({ model: "demo-chat", messages, n: 2 })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const broken = await handleDemoAiRequest(new Request(`${BASE}/chat/completions`, { method: "POST", body: "{" }), [
      "chat",
      "completions",
    ]);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_json" } });
    const wrongMethod = await handleDemoAiRequest(new Request(`${BASE}/chat/completions`), ["chat", "completions"]);
    expect(wrongMethod.status).toBe(405);
  });

  it("stops its stream when the caller goes away", async () => {
    const controller = new AbortController();
    const body = JSON.stringify({
      model: "demo-chat",
      messages: [{ role: "user", content: "one two three four five six seven" }],
      stream: true,
    });
    const request = new Request(`${BASE}/chat/completions`, { method: "POST", body, signal: controller.signal });
    const reader = (await handleDemoAiRequest(request, ["chat", "completions"])).body!.getReader();
    await reader.read();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow(/went away/);
  });

  it("embeds deterministically, as base64 or floats, with exact usage", async () => {
    const input = ["hello", "hello world"];
    const base64 = await client.embeddings.create({ model: "demo-embed", input });
    const floats = await client.embeddings.create({ model: "demo-embed", input, encoding_format: "float" });
    expect(base64.data.map((item) => item.embedding)).toEqual(floats.data.map((item) => item.embedding));
    expect(floats.data[0]!.embedding).toHaveLength(64);
    expect(floats.data[0]!.embedding).not.toEqual(floats.data[1]!.embedding);
    expect(floats.usage.prompt_tokens).toBe(estimateEmbeddingInputTokens(input));
    const small = await client.embeddings.create({ model: "demo-embed", input: "hi", dimensions: 8, encoding_format: "float" });
    expect(small.data[0]!.embedding).toHaveLength(8);
  });
});
