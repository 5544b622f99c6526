// The models an AI API publishes, as the catalog shows them: public id, name, limits, capabilities and
// prices per 1M tokens. Read-only, from the database (catalog pages, not the hot path); a REST API
// has no models (null), so a page can tell the two kinds apart with this one read.
import { db, type Prisma } from "@/lib/db";
import type { ModelPrices } from "@/lib/ai/types";

export type ApiModelView = {
  /** the registry row's id: what a plan's allowedModelIds name */
  id: string;
  publicId: string;
  displayName: string;
  kind: "CHAT" | "EMBEDDINGS";
  contextWindow: number;
  maxOutputTokens: number;
  capabilities: ("tools" | "vision" | "json")[];
  prices: ModelPrices;
};

const MODEL_SELECT = {
  id: true,
  publicId: true,
  displayName: true,
  kind: true,
  contextWindow: true,
  maxOutputTokens: true,
  supportsTools: true,
  supportsVision: true,
  supportsJsonOutput: true,
  inputPrice: true,
  cachedInputPrice: true,
  outputPrice: true,
} as const satisfies Prisma.AiModelSelect;

type ModelRow = Prisma.AiModelGetPayload<{ select: typeof MODEL_SELECT }>;

function toView(row: ModelRow): ApiModelView {
  const capabilities: ApiModelView["capabilities"] = [];
  if (row.supportsTools) capabilities.push("tools");
  if (row.supportsVision) capabilities.push("vision");
  if (row.supportsJsonOutput) capabilities.push("json");
  return {
    id: row.id,
    publicId: row.publicId,
    displayName: row.displayName,
    kind: row.kind,
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    capabilities,
    prices: { inputPrice: row.inputPrice, cachedInputPrice: row.cachedInputPrice, outputPrice: row.outputPrice },
  };
}

/** Chat models first, then embeddings; by public id within a kind. */
const byKindThenId = (a: ApiModelView, b: ApiModelView) =>
  a.kind === b.kind ? a.publicId.localeCompare(b.publicId) : a.kind === "CHAT" ? -1 : 1;

/** The models of each AI API among `apiIds`; REST APIs (and unknown ids) are absent from the map. */
export async function listApiModels(apiIds: string[]): Promise<Map<string, ApiModelView[]>> {
  if (apiIds.length === 0) return new Map();
  const apis = await db.api.findMany({
    where: { id: { in: apiIds }, kind: "AI" },
    select: { id: true, models: { select: { model: { select: MODEL_SELECT } } } },
  });
  return new Map(apis.map((api) => [api.id, api.models.map(({ model }) => toView(model)).sort(byKindThenId)]));
}

/** One API's models, or null when it is not an AI API. */
export async function listApiModelsOf(apiId: string): Promise<ApiModelView[] | null> {
  return (await listApiModels([apiId])).get(apiId) ?? null;
}

/** Whether the AI API `apiSlug` publishes the chat model `publicId` (the playground offers no other). */
export async function apiPublishesChatModel(apiSlug: string, publicId: string): Promise<boolean> {
  const found = await db.apiModel.findFirst({
    where: { api: { slug: apiSlug, kind: "AI" }, model: { publicId, kind: "CHAT" } },
    select: { modelId: true },
  });
  return found !== null;
}
