// Catalog APIs on the wire. Upstream settings are shown to the platform admin only, and the
// upstream credential never: `hasUpstreamCredential` says whether one is stored.
import { z } from "zod";
import { moneyString, toMoneyString } from "@/lib/billing/money-schemas";
import type { ApiWithPlans } from "@/lib/catalog/api-query";
import type { CatalogViewer } from "@/lib/catalog/api-visibility";
import { isoDateTimeOut, toIso } from "@/lib/management/schemas/common";

export const planSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  price: moneyString.meta({ description: "Price per call" }),
  rateLimit: z.number().int(),
  rateLimitWindowSec: z.number().int(),
  maxRequestBytes: z.number().int(),
  requiresApproval: z.boolean(),
  chargePolicy: z.enum(["REFUND_ON_UPSTREAM_FAILURE", "ALWAYS_CHARGE"]),
  allowedModels: z
    .array(z.string())
    .optional()
    .meta({ description: "AI APIs: public ids of the models the plan allows; empty: every model of the API" }),
  tokensPerMinute: z.number().int().nullable().optional().meta({ description: "AI APIs: tokens per minute per key; null: no limit" }),
  maxOutputTokens: z.number().int().nullable().optional().meta({ description: "AI APIs: output tokens per call at most; null: no cap" }),
  promptPricing: z
    .enum(["CALL_AND_TOKENS", "TOKENS", "CALL"])
    .optional()
    .meta({ description: "Prompt APIs: the price per call plus the model's tokens, the tokens only, or the price per call only" }),
  archivedAt: isoDateTimeOut.nullable(),
});

export const apiSchema = z.object({
  id: z.string(),
  slug: z.string(),
  kind: z.enum(["REST", "AI", "PROMPT"]).meta({
    description:
      "REST: forwarded to an upstream; AI: publishes models under /api/ai/v1; PROMPT: a prompt run by a model at /api/gateway/{slug} (its OpenAPI document is generated)",
  }),
  promptVersion: z.number().int().nullable().optional().meta({ description: "Prompt APIs: the version of the prompt the gateway serves" }),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  version: z.string(),
  tags: z.array(z.string()),
  visibility: z.enum(["PUBLIC", "PRIVATE"]),
  status: z.enum(["DRAFT", "PUBLISHED", "DEPRECATED", "RETIRED"]),
  upstreamBaseUrl: z.string().optional().meta({ description: "Admin only" }),
  upstreamAuthHeader: z.string().nullable().optional().meta({ description: "Admin only" }),
  hasUpstreamCredential: z.boolean().optional().meta({ description: "Admin only; the credential itself is write-only" }),
  upstreamConnectTimeoutMs: z.number().int().optional().meta({ description: "Admin only" }),
  upstreamTimeoutMs: z.number().int().optional().meta({ description: "Admin only" }),
  relayCookies: z
    .boolean()
    .optional()
    .meta({ description: "Admin only; whether the gateway relays the upstream's cookies, scoped to the API's gateway path" }),
  openapi: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .meta({ description: "The API's OpenAPI document (single-API responses only)" }),
  models: z.array(z.string()).optional().meta({ description: "AI APIs: the public ids of the models it publishes" }),
  publishedAt: isoDateTimeOut.nullable(),
  deprecatedAt: isoDateTimeOut.nullable(),
  sunsetAt: isoDateTimeOut.nullable(),
  retiredAt: isoDateTimeOut.nullable(),
  createdAt: isoDateTimeOut,
  updatedAt: isoDateTimeOut,
  plans: z.array(planSchema),
});

export const apiListSchema = z.object({ data: z.array(apiSchema) });

export type ApiResponse = z.input<typeof apiSchema>;

type PlanRow = ApiWithPlans["plans"][number];

function toPlanResponse(plan: PlanRow, models: Map<string, string> | null, kind: ApiWithPlans["kind"]): z.input<typeof planSchema> {
  const { allowedModelIds, tokensPerMinute, maxOutputTokens, promptPricing, ...rest } = plan;
  const ai = models ? { allowedModels: allowedModelIds.flatMap((id) => models.get(id) ?? []), tokensPerMinute, maxOutputTokens } : {};
  const prompt = kind === "PROMPT" ? { promptPricing } : {};
  return { ...rest, ...ai, ...prompt, price: toMoneyString(plan.pricePerCall), archivedAt: toIso(plan.archivedAt) };
}

function upstreamFields(api: ApiWithPlans) {
  if (api.kind !== "REST") return {}; // AI and Prompt APIs have no upstream
  return {
    upstreamBaseUrl: api.upstreamBaseUrl,
    upstreamAuthHeader: api.upstreamAuthHeader,
    hasUpstreamCredential: api.upstreamCredentialEncrypted !== null,
    upstreamConnectTimeoutMs: api.upstreamConnectTimeoutMs,
    upstreamTimeoutMs: api.upstreamTimeoutMs,
    relayCookies: api.relayCookies,
  };
}

export function toApiResponse(api: ApiWithPlans, viewer: CatalogViewer, options: { withOpenapi?: boolean } = {}): ApiResponse {
  const models = api.kind === "AI" ? new Map(api.models.map(({ model }) => [model.id, model.publicId])) : null;
  return {
    id: api.id,
    slug: api.slug,
    kind: api.kind,
    name: api.name,
    summary: api.summary,
    description: api.description,
    version: api.version,
    tags: api.tags,
    visibility: api.visibility,
    status: api.status,
    ...(viewer.kind === "admin" ? upstreamFields(api) : {}),
    ...(options.withOpenapi && !models ? { openapi: (api.openapi as Record<string, unknown> | null) ?? null } : {}),
    ...(models ? { models: [...models.values()] } : {}),
    publishedAt: toIso(api.publishedAt),
    deprecatedAt: toIso(api.deprecatedAt),
    sunsetAt: toIso(api.sunsetAt),
    retiredAt: toIso(api.retiredAt),
    createdAt: api.createdAt.toISOString(),
    updatedAt: api.updatedAt.toISOString(),
    ...(api.kind === "PROMPT" ? { promptVersion: api.promptVersion } : {}),
    plans: api.plans.map((plan) => toPlanResponse(plan, models, api.kind)),
  };
}
