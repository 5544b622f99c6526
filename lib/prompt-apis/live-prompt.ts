// What the gateway needs to serve a Prompt API: its live version's definition and each plan's
// pricing choice, cached per process like the gateway's routes. Every change to an API or its plans
// (a new version, a rollback, a price) announces invalidate("api", slug), which drops the entry here.
import { db, type PromptPricing } from "@/lib/db";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { onInvalidate } from "@/lib/cache/invalidate";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { definitionOf, VERSION_INCLUDE } from "@/lib/prompt-apis/stored-definition";

export type LivePrompt = { apiId: string; version: number; definition: PromptDefinition; pricingByPlan: Map<string, PromptPricing> };

const prompts = TtlCache.shared<LivePrompt | null>("prompt-apis", { ttlMs: 5_000, emptyTtlMs: 2_000, isEmpty: (value) => value === null });
onInvalidate("api", "prompt-apis", (slug) => (slug === null ? prompts.clear() : prompts.delete(slug)));

async function loadPrompt(slug: string): Promise<LivePrompt | null> {
  const api = await db.api.findUnique({
    where: { slug },
    select: { id: true, kind: true, promptVersion: true, plans: { select: { id: true, promptPricing: true } } },
  });
  if (!api || api.kind !== "PROMPT" || api.promptVersion === null) return null;
  const row = await db.promptApiVersion.findUnique({
    where: { apiId_version: { apiId: api.id, version: api.promptVersion } },
    include: VERSION_INCLUDE,
  });
  if (!row) return null;
  return {
    apiId: api.id,
    version: row.version,
    definition: definitionOf(row),
    pricingByPlan: new Map(api.plans.map((plan) => [plan.id, plan.promptPricing])),
  };
}

/** Without a promise when cached, like the gateway's caches. */
export function findLivePrompt(slug: string): LivePrompt | null | Promise<LivePrompt | null> {
  return prompts.lookup(slug, () => loadPrompt(slug));
}
