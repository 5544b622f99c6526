// The AI gateway through the official OpenAI SDK (its fetch answered in-process by the gateway),
// against the fake provider speaking OpenAI's wire format: exact charges from the provider's usage,
// streams with and without usage, the 402 that SDKs do not retry, and the ledger after each call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIError } from "openai";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { costOf } from "@/lib/ai/pricing";
import { gatewayAmount } from "@/lib/money";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage } from "../support/fake-ai/expected";
import { createAiFixture, openAiClient } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const messages = [{ role: "user" as const, content: "Tell me about toll gates and prepaid credit" }];

describe("POST /api/ai/v1/chat/completions", () => {
  it("answers through the SDK and charges exactly the provider's usage at the model's prices", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, fee: 100n });
    const { client } = openAiClient(fixture.key);
    const before = fake.requests.length;
    const { data: completion, response } = await client.chat.completions.create({ model: fixture.model.publicId, messages }).withResponse();
    expect(completion.model).toBe(fixture.model.publicId);
    expect(completion.choices[0]!.message.content).toMatch(/^Echo: Tell me about toll gates/);

    const sent = fake.requests[before]!;
    expect((sent.json as { model: string; max_tokens: number }).model).toBe("fake-chat");
    expect((sent.json as { max_tokens: number }).max_tokens).toBe(4_096); // the reserved cap goes upstream
    expect(sent.headers.authorization).toBe("Bearer sk-fake-provider-key");

    const usage = countedUsage(sent);
    const cost = costOf(usage, fixture.prices, 100n);
    expect(response.headers.get("x-credit-charged")).toBe(gatewayAmount(cost));
    expect(response.headers.get("x-credit-balance")).toBe(gatewayAmount(10_000_000n - cost));
    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(balance).toBe(10_000_000n - cost);
    await flushUsage();
    const event = await db.usageEvent.findFirstOrThrow({ where: { teamId: fixture.team.id } });
    expect(event).toMatchObject({
      model: fixture.model.publicId,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      usageSource: "PROVIDER",
      status: 200,
    });
    expect(event.charged - event.refunded).toBe(cost);
  });

  it("streams with for-await, asks the provider for usage, and hands the usage chunk on only when asked", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const { client } = openAiClient(fixture.key);
    for (const includeUsage of [false, true]) {
      const before = fake.requests.length;
      const stream = await client.chat.completions.create({
        model: fixture.model.publicId,
        messages,
        stream: true,
        ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
      });
      let text = "";
      let usageChunks = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? "";
        if (chunk.usage) usageChunks += 1;
        expect(chunk.model).toBe(fixture.model.publicId);
      }
      expect(text).toMatch(/^Echo: Tell me about toll gates/);
      expect(usageChunks).toBe(includeUsage ? 1 : 0);
      expect((fake.requests[before]!.json as { stream_options: { include_usage: boolean } }).stream_options.include_usage).toBe(true);
    }
    const [first, second] = fake.requests.slice(-2);
    const cost = costOf(countedUsage(first!), fixture.prices, 0n) + costOf(countedUsage(second!), fixture.prices, 0n);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n - cost);
  });

  it("answers 402 with Tollgate's message when the credit does not cover the reservation, and the SDK does not retry", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: 1_000n });
    const { client, counter } = openAiClient(fixture.key);
    const before = fake.requests.length;
    const error = await client.chat.completions.create({ model: fixture.model.publicId, messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(402);
    expect((error as APIError).message).toContain("Top up at");
    expect((error as APIError).code).toBe("insufficient_credit");
    expect(counter.calls).toBe(1);
    expect(fake.requests.length).toBe(before); // nothing was sent upstream
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(1_000n);
  });

  it("lists only the models the key may use, and names them when a model is unknown", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const { client } = openAiClient(fixture.key);
    const list = await client.models.list();
    expect(list.data.map((model) => model.id)).toEqual([fixture.model.publicId]);
    const error = await client.chat.completions.create({ model: "no-such-model", messages }).catch((caught: unknown) => caught);
    expect((error as APIError).status).toBe(404);
    expect((error as APIError).message).toContain(fixture.model.publicId);
  });

  it("charges nothing when the provider fails before any output", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, providerModel: "fake-chat+error-before:500" });
    const { client } = openAiClient(fixture.key);
    const error = await client.chat.completions
      .create({ model: fixture.model.publicId, messages }, { maxRetries: 0 })
      .catch((caught: unknown) => caught);
    expect((error as APIError).status).toBe(502);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n);
  });
});

describe("tool calls", () => {
  const tools = [
    {
      type: "function" as const,
      function: {
        name: "lookup_toll",
        description: "Find a toll",
        parameters: { type: "object", properties: { road: { type: "string" } } },
      },
    },
  ];

  it("returns the provider's tool call, streamed and not, and charges the arguments as output", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, providerModel: "fake-chat+tool-call+chunk-size:2" });
    const { client } = openAiClient(fixture.key);
    const request = { model: fixture.model.publicId, messages: [{ role: "user" as const, content: "Which toll on the A1?" }], tools };

    const completion = await client.chat.completions.create(request);
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call.type === "function" && call.function.name).toBe("lookup_toll");
    let spent = costOf(countedUsage(fake.requests.at(-1)!), fixture.prices, 0n);

    const stream = await client.chat.completions.create({ ...request, stream: true });
    let name = "";
    let args = "";
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
        name += delta.function?.name ?? "";
        args += delta.function?.arguments ?? "";
      }
    }
    expect(name).toBe("lookup_toll");
    expect(args).toBe(fake.requests.at(-1)!.delivered);
    expect(() => JSON.parse(args)).not.toThrow();
    spent += costOf(countedUsage(fake.requests.at(-1)!), fixture.prices, 0n);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n - spent);
  });
});
