// A Prompt API in one call for tests: a model on the fake provider, a Prompt API created through the
// catalog's own createApi (so the definition is checked and version 1 saved), a funded team subscribed
// to it with a key, and a helper that calls it through the real gateway in-process.
import crypto from "node:crypto";
import { db, type PromptPricing } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto";
import { microsToDecimal } from "@/lib/money";
import { createApi } from "@/lib/catalog/create-api";
import { createApiSchema } from "@/lib/catalog/api-schemas";
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { installPromptApis } from "@/lib/prompt-apis/call/install";
import type { PromptDefinitionInput } from "@/lib/prompt-apis/definition-schema";
import type { ModelPrices } from "@/lib/ai/types";
import { createTeamWithOwner } from "../factories";
import { createRawKey, grant } from "./gateway-factories";
import { TEST_PRICES } from "./ai-factories";

installPromptApis();

export type PromptFixtureOptions = {
  providerUrl: string;
  prompt?: Partial<PromptDefinitionInput>;
  pricing?: PromptPricing;
  fee?: bigint;
  balance?: bigint;
  prices?: ModelPrices;
  supportsJsonOutput?: boolean;
  providerModel?: string;
  maxRequestBytes?: number;
};

export const SUMMARY_PROMPT: Omit<PromptDefinitionInput, "model"> = {
  systemPrompt: "You summarise text for {{audience}}.",
  userTemplate: "Summarise in at most {{words}} words:\n{{text}}",
  variables: [
    { name: "text", type: "string", description: "The text to summarise", required: true, maxLength: 2000 },
    { name: "words", type: "number", required: true },
    { name: "audience", type: "enum", values: ["engineers", "children"], required: false },
  ],
  maxOutputTokens: 200,
};

export async function createChatModel(
  providerUrl: string,
  options: Pick<PromptFixtureOptions, "prices" | "supportsJsonOutput" | "providerModel"> = {},
) {
  const suffix = crypto.randomBytes(4).toString("hex");
  const provider = await db.aiProvider.create({
    data: {
      slug: `fake-${suffix}`,
      name: "Fake provider",
      kind: "OPENAI",
      baseUrl: providerUrl,
      apiKeyEncrypted: encryptSecret("sk-fake-provider-key"),
    },
  });
  const model = await db.aiModel.create({
    data: {
      publicId: `prompt-chat-${suffix}`,
      displayName: "Prompt chat",
      contextWindow: 128_000,
      maxOutputTokens: 4_096,
      supportsJsonOutput: options.supportsJsonOutput ?? true,
      ...(options.prices ?? TEST_PRICES),
    },
  });
  await db.aiDeployment.create({
    data: { modelId: model.id, providerId: provider.id, providerModel: options.providerModel ?? "fake-chat" },
  });
  return { provider, model };
}

export async function createPromptFixture(options: PromptFixtureOptions) {
  const { model } = await createChatModel(options.providerUrl, options);
  const slug = `prompt-${crypto.randomBytes(5).toString("hex")}`;
  const input = createApiSchema.parse({
    slug,
    kind: "PROMPT",
    name: `Summarise ${slug}`,
    summary: "Summarises a text",
    status: "PUBLISHED",
    prompt: { ...SUMMARY_PROMPT, model: model.publicId, ...options.prompt },
    plans: [
      {
        slug: "standard",
        name: "Standard",
        price: microsToDecimal(options.fee ?? 1_000n),
        rateLimit: 10_000,
        rateLimitWindowSec: 60,
        maxRequestBytes: options.maxRequestBytes ?? 65_536,
        requiresApproval: false,
        promptPricing: options.pricing ?? "CALL_AND_TOKENS",
      },
    ],
  });
  const api = await createApi(input, { type: "SYSTEM" });
  const plan = api.plans[0]!;
  const { team, owner } = await createTeamWithOwner();
  await db.subscription.create({ data: { teamId: team.id, apiId: api.id, planId: plan.id, status: "ACTIVE" } });
  if (options.balance !== 0n) await grant(team.id, options.balance ?? 10_000_000n);
  const { key, keyRow } = await createRawKey(team.id);
  const prices = options.prices ?? TEST_PRICES;
  return { api, plan, team, owner, key, keyRow, model, prices, slug, fee: options.fee ?? 1_000n };
}

/** POST /api/gateway/{slug} through the gateway in this process. */
export function callPrompt(slug: string, key: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://localhost:3000/api/gateway/${slug}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return handleGatewayRequest(request, { ip: null, proto: "http", host: "localhost:3000" });
}

/** The events of a server-sent event stream, parsed. */
export async function readEvents(response: Response): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null") as Record<string, unknown>;
      return { event, data };
    });
}
