// The fake AI provider speaks Anthropic's Messages API well enough for the official `@anthropic-ai/sdk`,
// pointed at it directly: messages streamed and not (raw events and the stream helper), cache usage,
// tool use, errors; plus the exported helpers a test computes expected costs with.
import Anthropic from "@anthropic-ai/sdk";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costOf } from "@/lib/ai/pricing";
import { countTextTokens, estimateChatInputTokens } from "@/lib/ai/tokens";
import {
  anthropicAsChat,
  expectedCharge,
  fakeUsageFor,
  referenceCost,
  startFakeAiProvider,
  type FakeAiProvider,
} from "@/test/support/fake-ai-provider";
import { collect } from "@/test/support/collect";

let fake: FakeAiProvider;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeAiProvider();
  client = new Anthropic({ baseURL: fake.url, apiKey: fake.apiKey, maxRetries: 0 });
});
afterAll(() => fake.close());

const request = {
  model: "fake-chat",
  max_tokens: 200,
  system: "Be brief.",
  messages: [{ role: "user" as const, content: "Hello from the Anthropic side" }],
};
const ECHO = "Echo: Hello from the Anthropic side";
const tool = { name: "lookup", input_schema: { type: "object" as const, properties: { query: { type: "string" } }, required: ["query"] } };

describe("messages", () => {
  it("answers a message with exact usage, checking the key and version headers", async () => {
    const message = await client.messages.create(request);
    expect(message).toMatchObject({ type: "message", role: "assistant", stop_reason: "end_turn", content: [{ type: "text", text: ECHO }] });
    const input = estimateChatInputTokens({ messages: [{ role: "system", content: "Be brief." }, request.messages[0]] });
    expect(message.usage).toMatchObject({ input_tokens: input, output_tokens: countTextTokens(ECHO), cache_read_input_tokens: 0 });
    expect(fakeUsageFor("anthropic", request)).toEqual({ inputTokens: input, cachedInputTokens: 0, outputTokens: countTextTokens(ECHO) });
    const recorded = fake.requests.at(-1)!;
    expect(recorded.headers.authorization).toBe(`Bearer ${fake.apiKey}`); // SDK 1.x; x-api-key is accepted too
    expect(recorded.headers["anthropic-version"]).toBeTruthy();
    expect(recorded.format).toBe("anthropic");
  });

  it("streams message_start, content blocks, message_delta with cumulative usage and message_stop", async () => {
    const events = await collect(await client.messages.create({ ...request, model: "fake-chat+chunk-size:3", stream: true }));
    const types = events.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(["message_start", "content_block_start"]); // the SDK drops `ping`
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    const text = events.flatMap((event) =>
      event.type === "content_block_delta" && event.delta.type === "text_delta" ? [event.delta.text] : [],
    );
    expect(text.join("")).toBe(ECHO);
    expect(text.length).toBe(Math.ceil(countTextTokens(ECHO) / 3));
    const delta = events.find((event) => event.type === "message_delta")!;
    expect(delta.usage.output_tokens).toBe(countTextTokens(ECHO));

    const raw = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ ...request, model: "fake-chat+chunk-size:100", stream: true }),
    });
    const names = [...(await raw.text()).matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(names).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);

    const final = await client.messages.stream(request).finalMessage();
    expect(final.content).toEqual([{ type: "text", text: ECHO }]);
    expect(final.usage.output_tokens).toBe(countTextTokens(ECHO));
  });

  it("splits input into uncached, cache read and cache write, and omits usage when told to", async () => {
    const total = fakeUsageFor("anthropic", request).inputTokens;
    const cached = await client.messages.create({ ...request, model: "fake-chat+cached:4+cache-write:3" });
    expect(cached.usage).toMatchObject({ input_tokens: total - 7, cache_read_input_tokens: 4, cache_creation_input_tokens: 3 });

    const events = await collect(await client.messages.create({ ...request, model: "fake-chat+omit-usage", stream: true }));
    expect(events.some((event) => "usage" in event || ("message" in event && "usage" in event.message))).toBe(false);
  });

  it("uses the first tool, with its input streamed as partial JSON", async () => {
    const body = { ...request, model: "fake-chat+tool-call", tools: [tool] };
    const message = await client.messages.create(body);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content).toEqual([
      { type: "tool_use", id: expect.stringMatching(/^toolu_/), name: "lookup", input: { query: "Hello from the Anthropic side" } },
    ]);

    const final = await client.messages.stream(body).finalMessage();
    expect(final.content).toEqual(message.content);
    expect(fake.requests.at(-1)!.delivered).toBe(JSON.stringify({ query: "Hello from the Anthropic side" }));
  });

  it("answers errors in Anthropic's shape", async () => {
    const overloaded = await client.messages.create({ ...request, model: "fake-chat+error-before:529" }).catch((error) => error);
    expect(overloaded).toBeInstanceOf(Anthropic.APIError);
    expect(overloaded.status).toBe(529);
    expect(overloaded.error).toMatchObject({ type: "error", error: { type: "overloaded_error" } });
    const limited = await client.messages.create({ ...request, model: "fake-chat+error-before:429" }).catch((error) => error);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);

    const wrongKey = new Anthropic({ baseURL: fake.url, apiKey: "sk-ant-wrong", maxRetries: 0 });
    await expect(wrongKey.messages.create(request)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const unversioned = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": fake.apiKey },
      body: JSON.stringify(request),
    });
    expect(unversioned.status).toBe(400);
    expect(await unversioned.json()).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "anthropic-version: header is required" },
    });

    const stream = await client.messages.create({ ...request, model: "fake-chat+error-event:4", stream: true });
    await expect(collect(stream)).rejects.toThrow(/Overloaded/);
  });

  it("lists models in Anthropic's shape when asked with anthropic-version", async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(["fake-chat", "fake-embed"]);
    expect(page.data[0]).toMatchObject({ type: "model", display_name: "fake-chat" });
  });
});

describe("expected costs", () => {
  const prices = { inputPrice: 150_000n, cachedInputPrice: 75_000n, outputPrice: 600_000n };

  it("prices usage like costOf, by a rule written apart from it", () => {
    const usage = fc.record({ inputTokens: fc.nat(10_000_000), cachedInputTokens: fc.nat(10_000_000), outputTokens: fc.nat(1_000_000) });
    const price = fc.bigInt({ min: 0n, max: 50_000_000n });
    fc.assert(
      fc.property(usage, price, price, price, fc.bigInt({ min: 0n, max: 5_000n }), (u, inputPrice, cachedInputPrice, outputPrice, fee) => {
        const p = { inputPrice, cachedInputPrice, outputPrice };
        expect(referenceCost(u, p, fee)).toBe(costOf(u, p, fee));
      }),
    );
  });

  it("charges reported usage, counted usage when none came, the delivered part of a broken stream, nothing before output", async () => {
    const charge = () => expectedCharge(fake.requests.at(-1)!, prices, 10n);
    await client.messages.create({ ...request, model: "fake-chat+cached:5" });
    expect(charge()).toBe(referenceCost(fakeUsageFor("anthropic", request, "cached:5"), prices, 10n));
    await client.messages.create({ ...request, model: "fake-chat+omit-usage" });
    expect(charge()).toBe(referenceCost(fakeUsageFor("anthropic", request), prices, 10n));
    await client.messages.create({ ...request, model: "fake-chat+error-before:500" }).catch(() => undefined);
    expect(charge()).toBe(0n);

    const broken = await client.messages.create({ ...request, model: "fake-chat+error-mid-stream:5", stream: true });
    await collect(broken).catch(() => undefined);
    const { delivered } = fake.requests.at(-1)!;
    expect(delivered.length).toBeGreaterThan(0); // two text deltas (events 4 and 5) went out before the break
    const input = estimateChatInputTokens(anthropicAsChat(request));
    expect(charge()).toBe(
      referenceCost({ inputTokens: input, cachedInputTokens: 0, outputTokens: countTextTokens(delivered) }, prices, 10n),
    );
  });
});
