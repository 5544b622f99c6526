// Input schemas for creating and changing catalog APIs and their plans. Prices are decimal strings
// (converted to micro-units by the domain functions); the upstream credential is write-only.
import { z } from "zod";
import { decimalAmount } from "@/lib/billing/money-schemas";
import { SLUG_PATTERN } from "@/lib/teams/slugs";

export const apiSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, "Use 1-40 lowercase letters, digits and dashes, not starting or ending with a dash.");

const upstreamUrl = z.url({ protocol: /^https?$/, error: "Use an http:// or https:// URL." }).max(2000);
const headerName = z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, "Use a header name such as Authorization or X-Api-Key.");
/** A light shape check of an uploaded OpenAPI 3.x document: the portal renders it, nothing runs it. */
const openapiDocument = z.looseObject({ openapi: z.string().regex(/^3\.\d+(\.\d+)?$/, "Use an OpenAPI 3.x document.") });

const planFields = {
  name: z.string().trim().min(1).max(80),
  description: z.string().max(2000),
  price: decimalAmount.meta({ description: "Price per call as a decimal string, e.g. \"0.002\"" }),
  rateLimit: z.number().int().min(1).max(1_000_000),
  rateLimitWindowSec: z.number().int().min(1).max(86_400),
  maxRequestBytes: z.number().int().min(0).max(100 * 1024 * 1024),
  requiresApproval: z.boolean(),
  chargePolicy: z.enum(["REFUND_ON_UPSTREAM_FAILURE", "ALWAYS_CHARGE"]),
};

export const createPlanSchema = z.object({
  slug: apiSlugSchema,
  ...planFields,
  description: planFields.description.optional(),
  chargePolicy: planFields.chargePolicy.optional(),
});

/** A plan in PATCH: an existing slug is updated with the fields given; a new slug needs every createPlanSchema field. */
export const patchPlanSchema = z.object({
  slug: apiSlugSchema,
  ...z.object(planFields).partial().shape,
  archived: z.boolean().optional().meta({ description: "Archived plans keep their subscriptions but take no new ones" }),
});

// zod runs refinements even when an element already failed, so elements may be anything here.
const uniquePlanSlugs = (plans: { slug: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<unknown>();
  plans.forEach((plan: { slug?: unknown } | null, index) => {
    if (typeof plan?.slug !== "string") return;
    if (seen.has(plan.slug)) ctx.addIssue({ code: "custom", path: [index, "slug"], message: "Each plan needs its own slug." });
    seen.add(plan.slug);
  });
};

const apiFields = {
  name: z.string().trim().min(1).max(100),
  summary: z.string().trim().max(300),
  description: z.string().max(50_000),
  version: z.string().trim().min(1).max(40),
  tags: z.array(z.string().trim().min(1).max(30)).max(20),
  visibility: z.enum(["PUBLIC", "PRIVATE"]),
  upstreamBaseUrl: upstreamUrl,
  upstreamAuthHeader: headerName,
  upstreamCredential: z.string().min(1).max(4096).meta({ description: "Write-only: stored encrypted, never returned" }),
  upstreamConnectTimeoutMs: z.number().int().min(100).max(60_000),
  upstreamTimeoutMs: z.number().int().min(1_000).max(300_000),
  openapi: openapiDocument,
};

export const createApiSchema = z.object({
  slug: apiSlugSchema,
  ...z.object(apiFields).partial().shape,
  name: apiFields.name,
  upstreamBaseUrl: apiFields.upstreamBaseUrl,
  status: z.enum(["DRAFT", "PUBLISHED"]).default("DRAFT"),
  plans: z.array(createPlanSchema).min(1, "Give the API at least one plan.").max(20).superRefine(uniquePlanSlugs),
});

export const updateApiSchema = z.object({
  ...z.object(apiFields).partial().shape,
  // null clears these two
  upstreamAuthHeader: apiFields.upstreamAuthHeader.nullable().optional(),
  upstreamCredential: apiFields.upstreamCredential.nullable().optional(),
  openapi: apiFields.openapi.nullable().optional(),
  status: z.enum(["DRAFT", "PUBLISHED", "DEPRECATED", "RETIRED"]).optional(),
  sunsetAt: z.iso.datetime({ offset: true }).nullable().optional().meta({ description: "Announced end of life (ISO 8601)" }),
  plans: z.array(patchPlanSchema).max(20).superRefine(uniquePlanSlugs).optional(),
});

export type CreateApi = z.output<typeof createApiSchema>;
export type CreatePlan = z.output<typeof createPlanSchema>;
export type PatchPlan = z.output<typeof patchPlanSchema>;
export type UpdateApi = z.output<typeof updateApiSchema>;
