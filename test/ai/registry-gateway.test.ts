// Registry changes reach the AI gateway at once, through the caches' invalidation: a model added to
// an AI API is callable on the next request (even right after a refused one was cached), new prices
// price the next call, a replaced provider key or a removed deployment applies to the next call, and
// a model taken off the API is refused again. Calls go through handleAiRequest against the fake
// provider, as the SDK tests do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { costOf } from "@/lib/ai/pricing";
import { createModel } from "@/lib/ai/registry/create-model";
import { addDeployment, removeDeployment } from "@/lib/ai/registry/deployments";
import { updateModel } from "@/lib/ai/registry/update-model";
import { updateProvider } from "@/lib/ai/registry/update-provider";
import { updateApi } from "@/lib/catalog/update-api";
import { gatewayAmount } from "@/lib/money";
import { FAKE_API_KEY, startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage } from "../support/fake-ai/expected";
import { createAiFixture } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { uniqueSlug } from "../support/management-factories";

const ADMIN = { type: "ADMIN_TOKEN" } as const;

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

async function chat(key: string, model: string) {
  const response = await handleAiRequest(
    new Request("http://localhost:3000/api/ai/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "Is the registry live?" }] }),
    }),
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: { code?: string } } };
}

describe("registry changes reach the AI gateway at once", () => {
  it("a model published through updateApi is callable on the very next request", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    expect((await chat(fixture.key, fixture.model.publicId)).status).toBe(200);

    const added = await createModel(
      {
        publicId: uniqueSlug("fresh"),
        displayName: "Fresh",
        kind: "CHAT",
        contextWindow: 16_000,
        maxOutputTokens: 512,
        supportsTools: false,
        supportsVision: false,
        supportsJsonOutput: false,
        inputPrice: "1",
        outputPrice: "3",
        deployments: [{ provider: fixture.provider.slug, providerModel: "fake-chat", weight: 1, priority: 0, enabled: true }],
      },
      ADMIN,
    );
    // Not yet published: refused, and that answer is now in the model cache.
    const refused = await chat(fixture.key, added.publicId);
    expect(refused.status).toBe(404);
    expect(refused.body.error?.code).toBe("model_not_found");

    await updateApi(fixture.slug, { models: [fixture.model.publicId, added.publicId] }, ADMIN);
    const before = fake.requests.length;
    const answered = await chat(fixture.key, added.publicId);
    expect(answered.status).toBe(200);
    const cost = costOf(
      countedUsage(fake.requests[before]!),
      { inputPrice: 1_000_000n, cachedInputPrice: 1_000_000n, outputPrice: 3_000_000n },
      0n,
    );
    expect(answered.headers.get("x-credit-charged")).toBe(gatewayAmount(cost));

    await updateApi(fixture.slug, { models: [fixture.model.publicId] }, ADMIN);
    expect((await chat(fixture.key, added.publicId)).status).toBe(404);
    await expectLedgerInvariant(fixture.team.id);
  });

  it("new prices, a replaced provider key and deployment changes apply to the next call", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const publicId = fixture.model.publicId;
    expect((await chat(fixture.key, publicId)).status).toBe(200);

    await updateModel(publicId, { inputPrice: "5", outputPrice: "20" }, ADMIN);
    const before = fake.requests.length;
    const repriced = await chat(fixture.key, publicId);
    const prices = { inputPrice: 5_000_000n, cachedInputPrice: fixture.prices.cachedInputPrice, outputPrice: 20_000_000n };
    expect(repriced.headers.get("x-credit-charged")).toBe(gatewayAmount(costOf(countedUsage(fake.requests[before]!), prices, 0n)));

    await updateProvider(fixture.provider.id, { apiKey: "sk-revoked-key-000111" }, ADMIN);
    const wrongKey = await chat(fixture.key, publicId);
    expect(wrongKey.status).toBe(502);
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-revoked-key-000111");
    await updateProvider(fixture.provider.slug, { apiKey: FAKE_API_KEY }, ADMIN);
    expect((await chat(fixture.key, publicId)).status).toBe(200);
    const audits = await db.auditLog.findMany({ where: { targetId: fixture.provider.id } });
    expect(audits.map((row) => row.metadata)).toEqual([
      expect.objectContaining({ changed: { apiKey: "replaced" } }),
      expect.objectContaining({ changed: { apiKey: "replaced" } }),
    ]);
    expect(JSON.stringify(audits)).not.toMatch(/sk-revoked|sk-fake/);

    const [deployment] = await db.aiDeployment.findMany({ where: { modelId: fixture.model.id } });
    await removeDeployment(publicId, deployment!.id, ADMIN);
    const undeployed = await chat(fixture.key, publicId);
    expect(undeployed.status).toBe(502);
    await addDeployment(
      publicId,
      { provider: fixture.provider.id, providerModel: "fake-chat", weight: 1, priority: 0, enabled: true },
      ADMIN,
    );
    expect((await chat(fixture.key, publicId)).status).toBe(200);
    await expectLedgerInvariant(fixture.team.id);
  });
});
