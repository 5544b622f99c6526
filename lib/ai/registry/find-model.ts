// The AI gateway's view of a model: prices, limits, its deployments with their providers (secrets
// decrypted once per load, never logged) and the AI APIs that publish it. Cached per process like
// the gateway's routes; a change to a model, deployment, provider or API announces "ai-model".
import { db, type AiModelKind, type AiProviderKind, type ApiStatus, type ApiVisibility } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { onInvalidate } from "@/lib/cache/invalidate";
import type { ModelPrices } from "@/lib/ai/types";

const TTL_MS = 5_000;
const EMPTY_TTL_MS = 2_000;

export type RoutedProvider = {
  id: string;
  slug: string;
  kind: AiProviderKind;
  baseUrl: string;
  apiKey: string | null;
  extraHeaders: Record<string, string>;
  connectTimeoutMs: number;
  timeoutMs: number;
};

export type RoutedDeployment = { id: string; providerModel: string; weight: number; priority: number; provider: RoutedProvider };

export type PublishingApi = { id: string; slug: string; name: string; status: ApiStatus; visibility: ApiVisibility };

export type RoutedModel = {
  id: string;
  publicId: string;
  displayName: string;
  kind: AiModelKind;
  contextWindow: number;
  maxOutputTokens: number;
  supportsTools: boolean;
  supportsVision: boolean;
  supportsJsonOutput: boolean;
  prices: ModelPrices;
  deployments: RoutedDeployment[];
  apis: PublishingApi[];
};

const models = TtlCache.shared<RoutedModel | null>("ai-models", {
  ttlMs: TTL_MS,
  emptyTtlMs: EMPTY_TTL_MS,
  isEmpty: (value) => value === null,
});
// A model's entry also holds its APIs' lifecycle and its providers: any of those changing drops all.
onInvalidate("ai-model", "ai-models", (key) => (key === null || key === "*" ? models.clear() : models.delete(key)));
onInvalidate("api", "ai-models", () => models.clear());

function toProvider(provider: {
  id: string;
  slug: string;
  kind: AiProviderKind;
  baseUrl: string;
  apiKeyEncrypted: string | null;
  extraHeadersEncrypted: string | null;
  connectTimeoutMs: number;
  timeoutMs: number;
}): RoutedProvider {
  return {
    id: provider.id,
    slug: provider.slug,
    kind: provider.kind,
    baseUrl: provider.baseUrl.replace(/\/+$/, ""),
    apiKey: provider.apiKeyEncrypted ? decryptSecret(provider.apiKeyEncrypted) : null,
    extraHeaders: provider.extraHeadersEncrypted
      ? (JSON.parse(decryptSecret(provider.extraHeadersEncrypted)) as Record<string, string>)
      : {},
    connectTimeoutMs: provider.connectTimeoutMs,
    timeoutMs: provider.timeoutMs,
  };
}

async function loadModel(publicId: string): Promise<RoutedModel | null> {
  const row = await db.aiModel.findUnique({
    where: { publicId },
    include: {
      // A disabled deployment is invisible to routing; the admin sees it (get-model.ts).
      deployments: { where: { enabled: true }, include: { provider: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] },
      apis: { include: { api: { select: { id: true, slug: true, name: true, status: true, visibility: true, kind: true } } } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    publicId: row.publicId,
    displayName: row.displayName,
    kind: row.kind,
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    supportsTools: row.supportsTools,
    supportsVision: row.supportsVision,
    supportsJsonOutput: row.supportsJsonOutput,
    prices: { inputPrice: row.inputPrice, cachedInputPrice: row.cachedInputPrice, outputPrice: row.outputPrice },
    deployments: row.deployments.map((deployment) => ({
      id: deployment.id,
      providerModel: deployment.providerModel,
      weight: deployment.weight,
      priority: deployment.priority,
      provider: toProvider(deployment.provider),
    })),
    apis: row.apis
      .map(({ api }) => api)
      .filter((api) => api.kind === "AI")
      .map(({ id, slug, name, status, visibility }) => ({ id, slug, name, status, visibility }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
  };
}

/** Answers without a promise when cached, like the gateway's caches. */
export function findModel(publicId: string): RoutedModel | null | Promise<RoutedModel | null> {
  return models.lookup(publicId, () => loadModel(publicId));
}
