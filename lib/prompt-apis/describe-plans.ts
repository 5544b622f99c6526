// For a Prompt API's public page: what a call costs under each open plan, in words, and a sample
// body of its variables for the curl example. Null for an API of another kind.
import { db } from "@/lib/db";
import { currency } from "@/lib/money";
import { describeCallPrice } from "@/lib/prompt-apis/pricing";
import { definitionOf, VERSION_INCLUDE } from "@/lib/prompt-apis/stored-definition";
import { sampleValue } from "@/lib/prompt-apis/sample-value";

export type PromptApiTerms = { prices: { plan: string; words: string }[]; sampleBody: string };

export async function describePromptApi(slug: string): Promise<PromptApiTerms | null> {
  const api = await db.api.findUnique({
    where: { slug },
    select: { id: true, kind: true, promptVersion: true, plans: { where: { archivedAt: null }, orderBy: [{ sortOrder: "asc" }] } },
  });
  if (!api || api.kind !== "PROMPT" || api.promptVersion === null) return null;
  const row = await db.promptApiVersion.findUnique({
    where: { apiId_version: { apiId: api.id, version: api.promptVersion } },
    include: { ...VERSION_INCLUDE, model: { select: { publicId: true, inputPrice: true, cachedInputPrice: true, outputPrice: true } } },
  });
  if (!row) return null;
  const sample: Record<string, unknown> = {};
  for (const variable of definitionOf(row).variables) {
    if (!variable.required) continue;
    sample[variable.name] = sampleValue(variable.type, variable.values);
  }
  return {
    prices: api.plans.map((plan) => ({
      plan: plan.name,
      words: describeCallPrice(plan.promptPricing, row.model, plan.pricePerCall, currency()),
    })),
    sampleBody: JSON.stringify(sample),
  };
}
