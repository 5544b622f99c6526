// Every refusal of the AI gateway, with its status, its error shape and what it charges (nothing),
// plus fallback to a second deployment, the tokens-per-minute limit, model allow-lists on plans and
// keys, and another team's key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { APIError } from "openai";
import { db } from "@/lib/db";
import { AiError, aiErrorBody } from "@/lib/ai/gateway/ai-error";
import { MAX_AI_BODY_BYTES } from "@/lib/ai/gateway/read-ai-body";
import { KEY_IN_QUERY_DETAIL } from "@/lib/http/key-in-query";
import { AI_MOUNTS, aiFetch, type AiMount } from "../support/ai-mounts";
import { costOf } from "@/lib/ai/pricing";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage } from "../support/fake-ai/expected";
import { addAiModel, createAiFixture, openAiClient } from "../support/ai-factories";
import { createRawKey } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const START = 10_000_000n;
const messages = [{ role: "user" as const, content: "admission checks" }];
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as APIError,
  );

function post(path: string, init: { key?: string; body?: unknown; text?: string; headers?: Record<string, string>; mount?: AiMount }) {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  const body = init.text ?? JSON.stringify(init.body ?? {});
  return aiFetch(init.mount ?? "web", `http://localhost:3000/api/ai/v1${path}`, { method: "POST", headers, body });
}

/** An error answer read whole: its body must be exactly the error the gateway describes, with its length on the wire. */
async function expectError(response: Response, error: AiError) {
  const text = await response.text();
  expect(response.status).toBe(error.status);
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-should-retry")).toBe("false");
  const contentLength = response.headers.get("content-length");
  if (contentLength !== null) expect(Number(contentLength)).toBe(Buffer.byteLength(text));
  const requestId = response.headers.get("x-request-id")!;
  expect(JSON.parse(text)).toEqual(aiErrorBody(error, requestId, "openai"));
}

describe("refusals", () => {
  it("401 without a key or with an unknown one, never echoing the key", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const missing = await post("/chat/completions", { body: { model: fixture.model.publicId, messages } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    const bogus = "tg_test_000000000000000000000000000000abcdef";
    const unknown = await post("/chat/completions", { key: bogus, body: { model: fixture.model.publicId, messages } });
    const text = await unknown.text();
    expect(unknown.status).toBe(401);
    expect(text).not.toContain(bogus);
    expect(JSON.parse(text)).toMatchObject({
      error: { type: "authentication_error", code: "invalid_api_key" },
      status: 401,
      code: "invalid_api_key",
    });
  });

  it.each(AI_MOUNTS)(
    "400 for a key in the query string, a body that is not JSON, an invalid body (with its param) and n > 1, before any charge (%s mount)",
    async (mount) => {
      const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
      const before = fake.requests.length;
      const inQuery = await post(`/chat/completions?api_key=${fixture.key}`, {
        mount,
        key: fixture.key,
        body: { model: fixture.model.publicId, messages },
      });
      await expectError(inQuery, new AiError("bad_request", KEY_IN_QUERY_DETAIL));
      const notJson = await post("/chat/completions", { mount, key: fixture.key, text: '{"model": "x", "messages": [' });
      await expectError(notJson, new AiError("bad_request", "The request body is not valid JSON."));
      const badRole = await post("/chat/completions", {
        mount,
        key: fixture.key,
        body: { model: fixture.model.publicId, messages: [{ role: "wizard", content: "x" }] },
      });
      expect(badRole.status).toBe(400);
      expect((await badRole.json()).error.param).toMatch(/^messages\.0/);
      const twoAnswers = await post("/chat/completions", {
        mount,
        key: fixture.key,
        body: { model: fixture.model.publicId, messages, n: 2 },
      });
      expect(twoAnswers.status).toBe(400);
      expect((await twoAnswers.json()).error).toMatchObject({ param: "n" });
      expect(fake.requests.length).toBe(before);
      expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
    },
  );

  it.each(AI_MOUNTS)("413 for a body over the limit, before any charge (%s mount)", async (mount) => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const before = fake.requests.length;
    const huge = JSON.stringify({ model: fixture.model.publicId, messages: [{ role: "user", content: "x".repeat(MAX_AI_BODY_BYTES) }] });
    const tooLarge = await post("/chat/completions", { mount, key: fixture.key, text: huge });
    await expectError(tooLarge, new AiError("payload_too_large", "Request bodies are limited to 16 MiB."));
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
  });

  it("404 for an unknown model and for another team's, listing the models the key may use", async () => {
    const mine = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const theirs = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const { client } = openAiClient(mine.key);
    const foreign = await refusal(client.chat.completions.create({ model: theirs.model.publicId, messages }));
    expect(foreign!.status).toBe(404);
    expect(foreign!.message).toContain(mine.model.publicId);
    expect(foreign!.message).not.toContain(theirs.team.slug);
  });

  it("403 when the plan or the key does not allow the model, listing the allowed ones", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const other = await addAiModel(fixture, "fake-chat");
    await db.plan.update({ where: { id: fixture.plan.id }, data: { allowedModelIds: [other.id] } });
    const { client } = openAiClient(fixture.key);
    const byPlan = await refusal(client.chat.completions.create({ model: fixture.model.publicId, messages }));
    expect(byPlan!.status).toBe(403);
    expect(byPlan!.message).toContain(other.publicId);

    await db.plan.update({ where: { id: fixture.plan.id }, data: { allowedModelIds: [] } });
    const { key, keyRow } = await createRawKey(fixture.team.id);
    await db.apiKey.update({ where: { id: keyRow.id }, data: { scopeModelIds: [other.id] } });
    const byKey = await refusal(openAiClient(key).client.chat.completions.create({ model: fixture.model.publicId, messages }));
    expect(byKey!.status).toBe(403);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START);
  });

  it("429 with Retry-After for the request rate and the token rate, never 402", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, tokensPerMinute: 20 });
    const { client } = openAiClient(fixture.key);
    await client.chat.completions.create({ model: fixture.model.publicId, messages, max_tokens: 40 }, { maxRetries: 0 });
    const tokens = await refusal(client.chat.completions.create({ model: fixture.model.publicId, messages }, { maxRetries: 0 }));
    expect(tokens!.status).toBe(429);
    expect(tokens!.message).toContain("tokens per minute");
    expect(Number(tokens!.headers?.get("retry-after"))).toBeGreaterThan(0);

    const limited = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    await db.plan.update({ where: { id: limited.plan.id }, data: { rateLimit: 1 } });
    const limitedClient = openAiClient(limited.key).client;
    await limitedClient.chat.completions.create({ model: limited.model.publicId, messages }, { maxRetries: 0 });
    const requests = await refusal(limitedClient.chat.completions.create({ model: limited.model.publicId, messages }, { maxRetries: 0 }));
    expect(requests!.status).toBe(429);
    expect(requests!.headers?.get("ratelimit-limit")).toBe("1");
  });
});

describe("routing", () => {
  it("falls back to the next deployment when the first cannot be reached, charging the answer once", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const dead = await db.aiProvider.create({
      data: { slug: `dead-${fixture.model.publicId}`, name: "Dead", kind: "OPENAI", baseUrl: "http://127.0.0.1:9/v1" },
    });
    await db.aiDeployment.updateMany({ where: { modelId: fixture.model.id }, data: { priority: 1 } });
    await db.aiDeployment.create({ data: { modelId: fixture.model.id, providerId: dead.id, providerModel: "fake-chat", priority: 0 } });
    const { client } = openAiClient(fixture.key);
    const { response } = await client.chat.completions.create({ model: fixture.model.publicId, messages }).withResponse();
    expect(response.status).toBe(200);
    const cost = costOf(countedUsage(fake.requests.at(-1)!), fixture.prices, 0n);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(START - cost);
  });
});
