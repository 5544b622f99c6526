// The fields that belong to one kind of API. A REST API forwards to an upstream described by an
// OpenAPI document; an AI API has neither: it publishes models of the registry, whose deployments
// say where calls go, and its plans can limit models, tokens per minute and answer length.
// Checked on create (the schema knows the kind) and on update (the stored kind decides).
import type { Prisma } from "@/lib/db";
import { invalid } from "@/lib/validation";
import type { ModelIndex } from "@/lib/ai/registry/api-models";

export const AI_PLAN_FIELDS = ["allowedModels", "tokensPerMinute", "maxOutputTokens"] as const;

const NO_UPSTREAM = "An AI API has no upstream: the deployments of its models say where calls go.";
const REST_ONLY: Record<string, string> = {
  upstreamBaseUrl: NO_UPSTREAM,
  upstreamAuthHeader: NO_UPSTREAM,
  upstreamCredential: NO_UPSTREAM,
  upstreamConnectTimeoutMs: NO_UPSTREAM,
  upstreamTimeoutMs: NO_UPSTREAM,
  relayCookies: NO_UPSTREAM,
  openapi: "An AI API has no OpenAPI document: the catalog shows its models instead.",
};

type KindInput = { models?: unknown; plans?: unknown } & Record<string, unknown>;

/** Per-field problems of `input` for an API of `kind` (fields sent that the kind does not have). */
export function kindProblems(kind: "REST" | "AI", input: KindInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (kind === "AI") {
    for (const [field, message] of Object.entries(REST_ONLY))
      if (input[field] !== undefined && input[field] !== null) errors[field] = message;
    return errors;
  }
  if (input.models !== undefined) errors.models = "Only an AI API publishes models.";
  if (Array.isArray(input.plans)) {
    input.plans.forEach((plan: unknown, index) => {
      for (const field of AI_PLAN_FIELDS) {
        const value = (plan as Record<string, unknown> | null)?.[field];
        if (value !== undefined && value !== null) errors[`plans.${index}.${field}`] = "Only plans of an AI API have this.";
      }
    });
  }
  return errors;
}

/**
 * A plan's allowed models must be models the API publishes: checked over every plan of the API once
 * the change is written (inside its transaction, so a refusal writes nothing).
 */
export async function checkPlanModels(tx: Prisma.TransactionClient, apiId: string, index: ModelIndex): Promise<void> {
  const published = new Set((await tx.apiModel.findMany({ where: { apiId }, select: { modelId: true } })).map((row) => row.modelId));
  const plans = await tx.plan.findMany({ where: { apiId }, select: { slug: true, allowedModelIds: true }, orderBy: { sortOrder: "asc" } });
  const errors: Record<string, string> = {};
  for (const plan of plans) {
    const missing = plan.allowedModelIds.filter((id) => !published.has(id)).map((id) => `"${index.publicIdOf.get(id) ?? id}"`);
    if (missing.length) {
      errors.models = `The plan "${plan.slug}" allows ${missing.join(", ")}, which this API does not publish: publish it or take it off the plan.`;
      break;
    }
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

export const NOTHING_TO_CALL =
  "Publish at least one model with an enabled deployment first: every call to this API would fail. Add a deployment under AI models, or enable one.";

/**
 * An AI API goes public only with something to call: a model with an enabled deployment that can
 * serve its kind (embeddings run on OpenAI-compatible providers only). Checked on every move to
 * PUBLISHED (created published, or published later), inside the change's transaction. Later changes
 * to a live API's models and deployments are not refused: the admin console warns instead.
 */
export async function checkAiApiHasUsableModel(tx: Prisma.TransactionClient, apiId: string): Promise<void> {
  const usable = await tx.apiModel.count({
    where: {
      apiId,
      model: {
        OR: [
          { kind: "CHAT", deployments: { some: { enabled: true } } },
          { kind: "EMBEDDINGS", deployments: { some: { enabled: true, provider: { kind: "OPENAI" } } } },
        ],
      },
    },
  });
  if (usable === 0) throw invalid({ models: NOTHING_TO_CALL });
}
