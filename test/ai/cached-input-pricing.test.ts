// Cached input is priced from each provider kind's own fields: OpenAI's prompt_tokens_details.cached_tokens
// (inside prompt_tokens), Anthropic's cache_read_input_tokens and cache_creation_input_tokens (apart from
// input_tokens: all three are input, reads are cached). The expected charge is computed from the raw usage
// the fake provider answers to the very request Tollgate sent it, by the rule written out here.
// Also: Anthropic's cache_control marks reach an Anthropic provider, and are stripped from a /messages
// call's request to an OpenAI-compatible one, while a Chat Completions caller's own marks pass through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import type { TokenUsage } from "@/lib/ai/types";
import { FAKE_API_KEY, startFakeAiProvider, type FakeAiProvider, type FakeAiRequest } from "../support/fake-ai-provider";
import { referenceCost } from "../support/fake-ai/expected";
import { anthropicClient, createAiFixture, openAiClient } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const FEE = 30n;
const START = 10_000_000n;

type OpenAIRawUsage = { prompt_tokens: number; completion_tokens: number; prompt_tokens_details?: { cached_tokens?: number } };
type AnthropicRawUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
};

/** The fake's raw, non-streamed answer to exactly what Tollgate sent it. */
async function replay(record: FakeAiRequest): Promise<{ usage: unknown }> {
  const anthropic = record.format === "anthropic";
  const response = await fetch(`${fake.url}${anthropic ? "/v1/messages" : "/v1/chat/completions"}`, {
    method: "POST",
    headers: anthropic
      ? { "x-api-key": FAKE_API_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json" }
      : { authorization: `Bearer ${FAKE_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ ...(record.json as object), stream: false }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { usage: unknown };
}

/** OpenAI: cached tokens are already inside prompt_tokens. */
function fromOpenAI(usage: OpenAIRawUsage): TokenUsage {
  return {
    inputTokens: usage.prompt_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage.completion_tokens,
  };
}

/** Anthropic: input = input_tokens + cache writes + cache reads; the reads are the cached input. */
function fromAnthropic(usage: AnthropicRawUsage): TokenUsage {
  const reads = usage.cache_read_input_tokens ?? 0;
  const writes = usage.cache_creation_input_tokens ?? 0;
  return { inputTokens: usage.input_tokens + writes + reads, cachedInputTokens: reads, outputTokens: usage.output_tokens };
}

async function lastEvent(teamId: string) {
  await flushUsage();
  return db.usageEvent.findFirstOrThrow({ where: { teamId }, orderBy: { createdAt: "desc" } });
}

describe("cached input tokens are priced from each provider kind's fields", () => {
  it("OpenAI-kind provider: prompt_tokens_details.cached_tokens at the cached price, streamed and not", async () => {
    const fixture = await createAiFixture({
      providerUrl: fake.openAiBaseUrl,
      providerModel: "fake-chat+cached:9",
      balance: START,
      fee: FEE,
    });
    const { client } = openAiClient(fixture.key);
    const messages = [{ role: "user" as const, content: "a long shared prefix that the provider has cached already, and a question" }];

    let expected = 0n;
    await client.chat.completions.create({ model: fixture.model.publicId, messages });
    const plain = (await replay(fake.requests.at(-1)!)).usage as OpenAIRawUsage;
    expect(plain.prompt_tokens_details?.cached_tokens).toBe(9);
    expected += referenceCost(fromOpenAI(plain), fixture.prices, FEE);
    expect(await lastEvent(fixture.team.id)).toMatchObject({
      cachedInputTokens: 9,
      inputTokens: plain.prompt_tokens,
      usageSource: "PROVIDER",
    });

    const stream = await client.chat.completions.create({ model: fixture.model.publicId, messages, stream: true });
    for await (const chunk of stream) void chunk;
    const streamed = (await replay(fake.requests.at(-1)!)).usage as OpenAIRawUsage;
    expected += referenceCost(fromOpenAI(streamed), fixture.prices, FEE);

    // The cached tokens made a difference: the same calls without a cache would cost more.
    const uncached = [plain, streamed].reduce(
      (sum, usage) => sum + referenceCost({ ...fromOpenAI(usage), cachedInputTokens: 0 }, fixture.prices, FEE),
      0n,
    );
    expect(uncached).toBeGreaterThan(expected);
    expect(START - (await expectLedgerInvariant(fixture.team.id))).toBe(expected);
  });

  it("Anthropic-kind provider: input_tokens + cache_creation_input_tokens + cache_read_input_tokens, reads at the cached price", async () => {
    const fixture = await createAiFixture({
      providerUrl: fake.url,
      providerKind: "ANTHROPIC",
      providerModel: "fake-chat+cached:6+cache-write:5",
      balance: START,
      fee: FEE,
    });
    const messages = [{ role: "user" as const, content: "a system prompt worth caching and then a short question about it" }];

    let expected = 0n;
    const { client: openai } = openAiClient(fixture.key);
    await openai.chat.completions.create({ model: fixture.model.publicId, messages });
    const viaChat = (await replay(fake.requests.at(-1)!)).usage as AnthropicRawUsage;
    expect(viaChat).toMatchObject({ cache_read_input_tokens: 6, cache_creation_input_tokens: 5 });
    const usage = fromAnthropic(viaChat);
    expect(usage.inputTokens).toBe(viaChat.input_tokens + 11);
    expected += referenceCost(usage, fixture.prices, FEE);
    expect(await lastEvent(fixture.team.id)).toMatchObject({
      inputTokens: usage.inputTokens,
      cachedInputTokens: 6,
      usageSource: "PROVIDER",
    });

    // Through /messages, streamed: the cumulative usage of message_start and message_delta.
    const { client: anthropic } = anthropicClient(fixture.key);
    const stream = anthropic.messages.stream({ model: fixture.model.publicId, max_tokens: 200, messages });
    const final = await stream.finalMessage();
    const viaMessages = (await replay(fake.requests.at(-1)!)).usage as AnthropicRawUsage;
    expected += referenceCost(fromAnthropic(viaMessages), fixture.prices, FEE);
    // The caller sees the canonical split: uncached input in input_tokens, the cached reads apart.
    expect(final.usage).toMatchObject({
      input_tokens: fromAnthropic(viaMessages).inputTokens - 6,
      cache_read_input_tokens: 6,
      output_tokens: viaMessages.output_tokens,
    });

    expect(START - (await expectLedgerInvariant(fixture.team.id))).toBe(expected);
  });
});

describe("cache_control on a /messages call", () => {
  const cachedSystem = [{ type: "text" as const, text: "You are terse. ".repeat(20), cache_control: { type: "ephemeral" as const } }];
  const question = [
    {
      role: "user" as const,
      content: [{ type: "text" as const, text: "What is cached?", cache_control: { type: "ephemeral" as const } }],
    },
  ];

  it("is stripped from the request an OpenAI-compatible provider receives", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const { client } = anthropicClient(fixture.key);
    const answer = await client.messages.create({
      model: fixture.model.publicId,
      max_tokens: 100,
      system: cachedSystem,
      messages: question,
    });
    expect(answer.content[0]).toMatchObject({ type: "text" });
    const sent = fake.requests.at(-1)!;
    expect(sent.format).toBe("openai");
    expect(sent.body).not.toContain("cache_control");
    expect((sent.json as { messages: unknown[] }).messages).toEqual([
      { role: "system", content: [{ type: "text", text: cachedSystem[0]!.text }] },
      { role: "user", content: [{ type: "text", text: "What is cached?" }] },
    ]);
  });

  it("reaches an Anthropic provider where the caller put it", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.url, providerKind: "ANTHROPIC" });
    const { client } = anthropicClient(fixture.key);
    await client.messages.create({ model: fixture.model.publicId, max_tokens: 100, system: cachedSystem, messages: question });
    const sent = fake.requests.at(-1)!.json as { system: unknown; messages: { content: unknown }[] };
    expect(sent.system).toEqual([{ type: "text", text: cachedSystem[0]!.text, cache_control: { type: "ephemeral" } }]);
    expect(sent.messages[0]!.content).toEqual([{ type: "text", text: "What is cached?", cache_control: { type: "ephemeral" } }]);
  });

  it("passes through untouched when a Chat Completions caller sends it itself (an unknown field, e.g. for OpenRouter)", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const { client } = openAiClient(fixture.key);
    const part = { type: "text", text: "mark me", cache_control: { type: "ephemeral" } };
    await client.chat.completions.create({
      model: fixture.model.publicId,
      messages: [{ role: "user", content: [part as { type: "text"; text: string }] }],
    });
    expect((fake.requests.at(-1)!.json as { messages: { content: unknown }[] }).messages[0]!.content).toEqual([part]);
  });
});
