// An AI API in one call for AI gateway tests: a provider pointing at the fake provider, a model with
// prices and a deployment, an AI API publishing it with a plan, a funded team subscribed, and a key;
// plus an official OpenAI SDK client that reaches /api/ai/v1 in-process (its `fetch` is the gateway), or
// over a socket on the node:http mount (ai-mounts.ts).
import crypto from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { db, type AiProviderKind } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto";
import { aiFetch, type AiMount } from "./ai-mounts";
import { createGatewayFixture } from "./gateway-factories";
import type { ModelPrices } from "@/lib/ai/types";

export const TEST_PRICES: ModelPrices = { inputPrice: 2_500_000n, cachedInputPrice: 1_250_000n, outputPrice: 10_000_000n };

export type AiFixtureOptions = {
  providerUrl: string;
  providerKind?: AiProviderKind;
  providerKey?: string;
  balance?: bigint;
  fee?: bigint;
  prices?: ModelPrices;
  providerModel?: string;
  maxOutputTokens?: number;
  tokensPerMinute?: number | null;
};

export async function createAiFixture(options: AiFixtureOptions) {
  const suffix = crypto.randomBytes(4).toString("hex");
  const base = await createGatewayFixture({ upstreamUrl: "", balance: options.balance ?? 10_000_000n, price: options.fee ?? 0n });
  await db.api.update({ where: { id: base.api.id }, data: { kind: "AI" } });
  await db.plan.update({
    where: { id: base.plan.id },
    data: { tokensPerMinute: options.tokensPerMinute ?? null, maxOutputTokens: options.maxOutputTokens ?? null },
  });
  const provider = await db.aiProvider.create({
    data: {
      slug: `fake-${suffix}`,
      name: "Fake provider",
      kind: options.providerKind ?? "OPENAI",
      baseUrl: options.providerUrl,
      apiKeyEncrypted: encryptSecret(options.providerKey ?? "sk-fake-provider-key"),
    },
  });
  const prices = options.prices ?? TEST_PRICES;
  const model = await db.aiModel.create({
    data: {
      publicId: `test-chat-${suffix}`,
      displayName: "Test chat",
      contextWindow: 128_000,
      maxOutputTokens: 4_096,
      supportsTools: true,
      ...prices,
    },
  });
  await db.aiDeployment.create({
    data: { modelId: model.id, providerId: provider.id, providerModel: options.providerModel ?? "fake-chat" },
  });
  await db.apiModel.create({ data: { apiId: base.api.id, modelId: model.id } });
  return { ...base, provider, model, prices };
}

/** The official OpenAI SDK, its requests answered by the AI gateway in this process (on `mount`); `calls` counts them. */
export function openAiClient(key: string, mount: AiMount = "web") {
  const counter = { calls: 0 };
  const client = new OpenAI({
    apiKey: key,
    baseURL: "http://localhost:3000/api/ai/v1",
    fetch: async (url, init) => {
      counter.calls += 1;
      return aiFetch(mount, url, init);
    },
  });
  return { client, counter };
}

/** The official Anthropic SDK, answered by the AI gateway in this process (its base URL gains /v1/messages). */
export function anthropicClient(key: string) {
  const counter = { calls: 0 };
  const client = new Anthropic({
    apiKey: key,
    baseURL: "http://localhost:3000/api/ai",
    maxRetries: 0,
    fetch: async (url, init) => {
      counter.calls += 1;
      return aiFetch("web", url, init);
    },
  });
  return { client, counter };
}

/** Another model of the fixture's AI API, on the same provider, for a provider-side behaviour (`fake-chat+…`). */
export async function addAiModel(fixture: Awaited<ReturnType<typeof createAiFixture>>, providerModel: string) {
  const model = await db.aiModel.create({
    data: {
      publicId: `test-chat-${crypto.randomBytes(4).toString("hex")}`,
      displayName: providerModel,
      contextWindow: 128_000,
      maxOutputTokens: 4_096,
      ...fixture.prices,
    },
  });
  await db.aiDeployment.create({ data: { modelId: model.id, providerId: fixture.provider.id, providerModel } });
  await db.apiModel.create({ data: { apiId: fixture.api.id, modelId: model.id } });
  return model;
}
