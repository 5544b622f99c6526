// Calling a Prompt API through the real gateway with the fake AI provider behind its model: the
// answer's shape, 422 per field before any charge, structured output that validates and one that
// does not (502, not charged), streaming, and the exact charge under each pricing choice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { gatewayAmount } from "@/lib/money";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage, referenceCost } from "../support/fake-ai/expected";
import { expectLedgerInvariant } from "../support/ledger";
import { callPrompt, createPromptFixture, readEvents } from "../support/prompt-factories";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const TEXT = "Toll gates meter every call and debit prepaid credit";
const START = 10_000_000n;

describe("POST /api/gateway/{slug} of a Prompt API", () => {
  it("renders the prompt, answers {output, model, usage} and charges the fee plus the tokens exactly", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, fee: 1_000n });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 20, audience: "engineers" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { output: string; model: string; usage: Record<string, number> };

    const sent = fake.requests[before]!;
    const messages = (sent.json as { messages: { role: string; content: string }[] }).messages;
    expect(messages).toEqual([
      { role: "system", content: "You summarise text for engineers." },
      { role: "user", content: `Summarise in at most 20 words:\n${TEXT}` },
    ]);
    expect((sent.json as { max_tokens: number }).max_tokens).toBe(200);

    const usage = countedUsage(sent);
    expect(body).toEqual({ output: `Echo: Summarise in at most 20 words: ${TEXT}`, model: fixture.model.publicId, usage });
    const cost = referenceCost(usage, fixture.prices, 1_000n);
    expect(response.headers.get("x-credit-charged")).toBe(gatewayAmount(cost));
    expect(response.headers.get("x-prompt-version")).toBe("1");
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - cost);

    await flushUsage();
    const event = await db.usageEvent.findFirstOrThrow({ where: { teamId: fixture.team.id } });
    expect(event).toMatchObject({ apiId: fixture.api.id, status: 200, model: fixture.model.publicId, promptVersion: 1, path: "/" });
    expect(event.charged - event.refunded).toBe(cost);
  });

  it("answers 422 with a message per variable before anything is charged or sent", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: "x".repeat(2001), words: "twenty", audience: "cats", extra: 1 });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as { code: string; errors: Record<string, string> };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors).toEqual({
      text: "Must be at most 2000 characters long.",
      words: "Must be a number.",
      audience: 'Must be one of "engineers", "children".',
      extra: "Not a variable of this API. Its variables are: text, words, audience.",
    });
    const missing = await callPrompt(fixture.slug, fixture.key, {});
    expect(((await missing.json()) as { errors: Record<string, string> }).errors).toEqual({
      text: "Required: a string.",
      words: "Required: a number.",
    });
    const notJson = await callPrompt(fixture.slug, fixture.key, "{not json");
    expect(notJson.status).toBe(400);
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
    expect(await db.creditLedgerEntry.count({ where: { teamId: fixture.team.id, kind: { not: "GRANT" } } })).toBe(0);
  });

  it("keeps a value that looks like a placeholder as text: substitution is one pass", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: "{{audience}} {{ words }} {{secret}}", words: 3 });
    expect(response.status).toBe(200);
    const messages = (fake.requests[before]!.json as { messages: { role: string; content: string }[] }).messages;
    expect(messages).toEqual([
      { role: "system", content: "You summarise text for ." },
      { role: "user", content: "Summarise in at most 3 words:\n{{audience}} {{ words }} {{secret}}" },
    ]);
  });

  it("asks for json_schema output, validates it and answers the parsed object", async () => {
    const outputSchema = {
      type: "object",
      properties: { summary: { type: "string" }, sentences: { type: "integer" } },
      required: ["summary", "sentences"],
    };
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, prompt: { outputSchema } });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 5 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { output: { summary: string; sentences: number } };
    expect(body.output).toEqual({ summary: `Summarise in at most 5 words: ${TEXT}`, sentences: 1 });
    const sent = fake.requests[before]!.json as { response_format: { type: string; json_schema: { schema: unknown } } };
    expect(sent.response_format).toMatchObject({ type: "json_schema", json_schema: { schema: outputSchema } });
    const cost = referenceCost(countedUsage(fake.requests[before]!), fixture.prices, fixture.fee);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - cost);
  });

  it("answers 502 invalid_model_output and charges nothing when the answer does not match the schema", async () => {
    // The fake fills numbers with 1: a minimum of 5 refuses it.
    const outputSchema = { type: "object", properties: { score: { type: "number", minimum: 5 } }, required: ["score"] };
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, prompt: { outputSchema } });
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 5 });
    expect(response.status).toBe(502);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe("invalid_model_output");
    expect(problem.detail).toMatch(/not charged/);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
    const settlement = await db.callSettlement.findFirstOrThrow({ where: { teamId: fixture.team.id } });
    expect(settlement.actual).toBe(0n);
    expect(await db.openCall.count({ where: { teamId: fixture.team.id } })).toBeLessThanOrEqual(1); // closed by the usage batch
    await flushUsage();
    expect(await db.openCall.count({ where: { teamId: fixture.team.id } })).toBe(0);
    const event = await db.usageEvent.findFirstOrThrow({ where: { teamId: fixture.team.id } });
    expect(event).toMatchObject({ status: 502, errorCode: "invalid_model_output", promptVersion: 1 });
  });

  it("spells the schema out in the prompt for a model without JSON output, and refuses a text answer", async () => {
    const outputSchema = { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] };
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, supportsJsonOutput: false, prompt: { outputSchema } });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 5 });
    const sent = fake.requests[before]!.json as { response_format?: unknown; messages: { content: string }[] };
    expect(sent.response_format).toBeUndefined();
    expect(sent.messages[0]!.content).toMatch(/matches this JSON Schema:\n\{.*"summary":\{"type":"string"\}/);
    expect(response.status).toBe(502); // the fake echoes text, which is not JSON
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
  });

  it("streams the text as server-sent events and ends with the usage and the cost", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, fee: 500n });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 9 }, { accept: "text/event-stream" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const text = events
      .filter((event) => event.event === "delta")
      .map((event) => event.data.text)
      .join("");
    expect(text).toBe(`Echo: Summarise in at most 9 words: ${TEXT}`);
    const done = events.at(-1)!;
    expect(done.event).toBe("done");
    const usage = countedUsage(fake.requests[before]!);
    const cost = referenceCost(usage, fixture.prices, 500n);
    expect(done.data).toEqual({ model: fixture.model.publicId, usage, charged: gatewayAmount(cost), balance: gatewayAmount(START - cost) });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - cost);
  });

  it("sends a structured answer as one output event once it validated", async () => {
    const outputSchema = { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] };
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, prompt: { outputSchema } });
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 9 }, { accept: "text/event-stream" });
    const events = await readEvents(response);
    expect(events.map((event) => event.event)).toEqual(["output", "done"]);
    expect(events[0]!.data).toEqual({ output: { summary: `Summarise in at most 9 words: ${TEXT}` } });
  });

  it.each([
    ["CALL_AND_TOKENS", (tokens: bigint, fee: bigint) => tokens + fee],
    ["TOKENS", (tokens: bigint) => tokens],
    ["CALL", (_tokens: bigint, fee: bigint) => fee],
  ] as const)("charges exactly under %s pricing", async (pricing, expected) => {
    const fee = 3_333n;
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, pricing, fee });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 7 });
    expect(response.status).toBe(200);
    const tokens = referenceCost(countedUsage(fake.requests[before]!), fixture.prices, 0n);
    const cost = expected(tokens, fee);
    expect(response.headers.get("x-credit-charged")).toBe(gatewayAmount(cost));
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - cost);
  });

  it("refuses with 402 when the credit does not cover the reservation, before anything is sent", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, balance: 1_500n, fee: 1_000n });
    const before = fake.requests.length;
    const response = await callPrompt(fixture.slug, fixture.key, { text: TEXT, words: 7 });
    expect(response.status).toBe(402);
    const problem = (await response.json()) as { code: string; balance: string; price: string };
    expect(problem.code).toBe("insufficient_credit");
    expect(problem.balance).toBe("0.001500");
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(1_500n);
  });

  it("answers only POST at the API's root, and is not charged for the refusals", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl });
    const get = await handleGet(fixture.slug, fixture.key, "");
    expect(get.status).toBe(400);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await handleGet(fixture.slug, fixture.key, "/other")).status).toBe(404);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
  });
});

async function handleGet(slug: string, key: string, path: string) {
  const { handleGatewayRequest } = await import("@/lib/gateway/handle-gateway-request");
  return handleGatewayRequest(
    new Request(`http://localhost:3000/api/gateway/${slug}${path}`, { headers: { authorization: `Bearer ${key}` } }),
    {
      ip: null,
      proto: "http",
      host: "localhost:3000",
    },
  );
}
