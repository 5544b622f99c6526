// /messages for the official Anthropic SDK, and both directions of translation through the gateway:
// an Anthropic caller on an OpenAI-compatible provider, an OpenAI caller on an Anthropic provider.
// Every call is charged exactly what the provider reported, and the ledger holds after each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { APIError } from "openai";
import { costOf } from "@/lib/ai/pricing";
import { db } from "@/lib/db";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage, referenceCost } from "../support/fake-ai/expected";
import { countTextTokens } from "@/lib/ai/tokens";
import { AI_MOUNTS } from "../support/ai-mounts";
import { anthropicClient, createAiFixture, openAiClient } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const START = 10_000_000n;
const lastCost = (prices: Parameters<typeof costOf>[1], fee = 0n) => costOf(countedUsage(fake.requests.at(-1)!), prices, fee);

/** The team's one settlement, once an abandoned stream's cancel has written it. */
async function settlementOf(teamId: string) {
  const deadline = Date.now() + 5_000;
  while ((await db.callSettlement.count({ where: { teamId } })) === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return db.callSettlement.findFirstOrThrow({ where: { teamId } });
}

/** The provider saw its request aborted (the caller left). */
async function expectProviderAborted(record: FakeAiProvider["requests"][number]) {
  const deadline = Date.now() + 5_000;
  while (!record.aborted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(record.aborted).toBe(true);
}

describe("POST /api/ai/v1/messages (Anthropic SDK)", () => {
  it("answers on an OpenAI-compatible provider, streamed and not, and settles exactly", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const { client } = anthropicClient(fixture.key);
    const request = {
      model: fixture.model.publicId,
      max_tokens: 300,
      messages: [{ role: "user" as const, content: "Hello through Tollgate" }],
    };

    const message = await client.messages.create(request);
    expect(message.model).toBe(fixture.model.publicId);
    expect(message.content[0]).toMatchObject({ type: "text", text: expect.stringMatching(/^Echo: Hello through Tollgate/) });
    expect(message.stop_reason).toBe("end_turn");
    let spent = lastCost(fixture.prices);
    expect(message.usage.output_tokens).toBe(countedUsage(fake.requests.at(-1)!).outputTokens);

    const stream = client.messages.stream(request);
    let text = "";
    for await (const event of stream)
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
    const final = await stream.finalMessage();
    expect(text).toMatch(/^Echo: Hello through Tollgate/);
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    spent += lastCost(fixture.prices);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - spent);
  });

  it("answers in Anthropic's error shape, 402 included", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: 10n });
    const { client, counter } = anthropicClient(fixture.key);
    const error = await client.messages
      .create({ model: fixture.model.publicId, max_tokens: 50, messages: [{ role: "user", content: "hi" }] })
      .then(
        () => null,
        (caught: unknown) => caught as { status: number; error: { type: string; error: { type: string; message: string } } },
      );
    if (!error) throw new Error("the call was not refused");
    expect(error.status).toBe(402);
    expect(error.error.type).toBe("error");
    expect(error.error.error.type).toBe("billing_error");
    expect(error.error.error.message).toContain("Top up at");
    expect(counter.calls).toBe(1);
  });
});

describe("an OpenAI caller on an Anthropic provider", () => {
  it("translates the request, the answer and the stream, and charges the provider's usage", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.url, providerKind: "ANTHROPIC" });
    const { client } = openAiClient(fixture.key);
    const messages = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: "Translate me across formats" },
    ];
    const completion = await client.chat.completions.create({ model: fixture.model.publicId, messages, max_tokens: 100 });
    expect(completion.choices[0]!.message.content).toMatch(/^Echo: Translate me across formats/);
    const sent = fake.requests.at(-1)!;
    expect(sent.url).toContain("/v1/messages");
    expect(sent.json).toMatchObject({ model: "fake-chat", max_tokens: 100, system: "Be brief." });
    let spent = lastCost(fixture.prices);

    const stream = await client.chat.completions.create({
      model: fixture.model.publicId,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage.completion_tokens;
    }
    expect(text).toMatch(/^Echo: Translate me across formats/);
    expect(usage).toBe(countedUsage(fake.requests.at(-1)!).outputTokens);
    spent += lastCost(fixture.prices);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - spent);
  });
});

describe.each(AI_MOUNTS)("streams that do not finish (%s mount)", (mount) => {
  it("charges a stream the provider breaks off for what was delivered, with an error event", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, providerModel: "fake-chat+error-mid-stream:3+chunk-size:2" });
    const { client } = openAiClient(fixture.key, mount);
    const stream = await client.chat.completions.create({
      model: fixture.model.publicId,
      messages: [{ role: "user", content: "one two three four five six seven eight" }],
      stream: true,
    });
    let text = "";
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    })().catch((caught: unknown) => caught as APIError);
    expect(error).toBeTruthy();
    expect(text.length).toBeGreaterThan(0);
    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(balance).toBeLessThan(START);
    expect(START - balance).toBeLessThan(lastCost(fixture.prices) + 1n); // at most the complete answer's cost
  });

  it("charges nothing for a stream the caller abandons before any output, and aborts the provider", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, providerModel: "fake-chat+delay-ms:200" });
    const { client } = openAiClient(fixture.key, mount);
    const controller = new AbortController();
    const before = fake.requests.length;
    const stream = await client.chat.completions.create(
      { model: fixture.model.publicId, messages: [{ role: "user", content: "slow answer please" }], stream: true },
      { signal: controller.signal },
    );
    controller.abort();
    await (async () => {
      for await (const _chunk of stream) void _chunk;
    })().catch(() => undefined);
    await fake.waitForRequests(before + 1);
    // The settle lands when the stream's cancel has run: wait for it, then nothing may be charged.
    expect(await settlementOf(fixture.team.id)).toMatchObject({ outcome: "SETTLED", actual: 0n });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
    await expectProviderAborted(fake.requests[before]!);
  });

  it("answers a non-streamed answer the provider cuts off with a clear 502, and charges nothing", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, providerModel: "fake-chat+error-mid-stream:1" });
    const { client } = openAiClient(fixture.key, mount);
    const error = await client.chat.completions
      .create({ model: fixture.model.publicId, messages: [{ role: "user", content: "cut me off" }] }, { maxRetries: 0 })
      .then(
        () => null,
        (caught: unknown) => caught as APIError,
      );
    expect(error!.status).toBe(502);
    expect(error!.message).toContain("not a chat completion. Nothing was charged.");
    expect(await db.callSettlement.findFirstOrThrow({ where: { teamId: fixture.team.id } })).toMatchObject({ actual: 0n });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
  });

  it("charges a stream the caller abandons mid-answer for what it received, and aborts the provider", async () => {
    // The fake writes three events and then nothing until the caller leaves: what the caller read is all that was delivered.
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, providerModel: "fake-chat+stall-after:3+chunk-size:2" });
    const { client } = openAiClient(fixture.key, mount);
    const controller = new AbortController();
    const before = fake.requests.length;
    const stream = await client.chat.completions.create(
      { model: fixture.model.publicId, messages: [{ role: "user", content: "one two three four five six" }], stream: true },
      { signal: controller.signal },
    );
    let text = "";
    let chunks = 0;
    await (async () => {
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? "";
        if (++chunks === 3) controller.abort();
      }
    })().catch(() => undefined);
    expect(text).not.toBe("");
    await fake.waitForRequests(before + 1);
    const provider = fake.requests[before]!;
    const expected = referenceCost(
      { inputTokens: provider.planned!.inputTokens, cachedInputTokens: 0, outputTokens: countTextTokens(text) },
      fixture.prices,
      0n,
    );
    expect(await settlementOf(fixture.team.id)).toMatchObject({ outcome: "SETTLED", actual: expected });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - expected);
    await expectProviderAborted(provider);
  });
});
