// Input schemas for creating and changing catalog APIs and their plans. Prices are decimal strings
// (converted to micro-units by the domain functions); the upstream credential is write-only. What
// zod cannot check here (the full OpenAPI validation, where the upstream resolves to) the domain
// functions check before they write anything (lib/catalog/create-api.ts, update-api.ts).
import { z } from "zod";
import { decimalToMicros } from "@/lib/money";
import { decimalAmount } from "@/lib/billing/money-schemas";
import { SLUG_PATTERN } from "@/lib/teams/slugs";
import { OPENAPI_MAX_BYTES_LABEL } from "@/lib/catalog/openapi-document";
import { kindProblems } from "@/lib/catalog/ai-fields";
import { modelPublicIdSchema } from "@/lib/ai/registry/model-schemas";
import { promptDefinitionSchema } from "@/lib/prompt-apis/definition-schema";
import { promptKindProblems } from "@/lib/catalog/prompt-fields";

/** Highest price per call, in whole currency units: a typo (1000 instead of 0.001) cannot drain a team. */
export const MAX_PRICE_PER_CALL = "100";
const MAX_PRICE_MICROS = decimalToMicros(MAX_PRICE_PER_CALL);

export const apiSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, "Use 1-40 lowercase letters, digits and dashes, not starting or ending with a dash.");

/** `/admin/apis/new` is the page that creates APIs, so no API may be called "new". */
const RESERVED_API_SLUGS = new Set(["new"]);

const upstreamUrl = z.url({ protocol: /^https?$/, error: "Use an http:// or https:// URL." }).max(2000);
const headerName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,64}$/, "Use a header name such as Authorization or X-Api-Key.");
/** Checked in full against the official schema by the domain functions (lib/catalog/openapi-document.ts). */
const openapiDocument = z.record(z.string(), z.unknown(), { error: "Send the OpenAPI document as a JSON object." }).meta({
  description: `OpenAPI 3.0 or 3.1 document as a JSON object, at most ${OPENAPI_MAX_BYTES_LABEL}; validated against the official schema`,
});
const wholeNumber = (min: number, max: number, unit = "") =>
  z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(min, `Use at least ${min}${unit}.`)
    .max(max, `Use at most ${max.toLocaleString("en")}${unit}.`);
const price = decimalAmount
  .refine(
    (value) => !/^\d{1,12}(\.\d{1,6})?$/.test(value) || decimalToMicros(value) <= MAX_PRICE_MICROS,
    `Use a price from 0 to ${MAX_PRICE_PER_CALL} per call.`,
  )
  .meta({ description: `Price per call as a decimal string from 0 to ${MAX_PRICE_PER_CALL}, e.g. "0.002"` });

const planFields = {
  name: z.string().trim().min(1).max(80),
  description: z.string().max(2000),
  price,
  rateLimit: wholeNumber(1, 1_000_000),
  rateLimitWindowSec: wholeNumber(1, 86_400, " seconds"),
  maxRequestBytes: wholeNumber(0, 100 * 1024 * 1024, " bytes"),
  requiresApproval: z.boolean(),
  chargePolicy: z.enum(["REFUND_ON_UPSTREAM_FAILURE", "ALWAYS_CHARGE"]),
  // AI plans only (lib/catalog/ai-fields.ts); null clears a limit.
  allowedModels: z
    .array(modelPublicIdSchema)
    .max(200)
    .meta({ description: "AI plans: the public ids of the models this plan allows, among the API's; empty: all of them" }),
  tokensPerMinute: wholeNumber(1, 1_000_000_000)
    .nullable()
    .meta({ description: "AI plans: input and output tokens per minute per key; null: no token limit" }),
  maxOutputTokens: wholeNumber(1, 10_000_000)
    .nullable()
    .meta({ description: "AI plans: cap on the output tokens of one call (the model's own cap applies too); null: none" }),
  promptPricing: z.enum(["CALL_AND_TOKENS", "TOKENS", "CALL"]).meta({
    description:
      "Prompt API plans: CALL_AND_TOKENS (the price per call plus the model's token cost), TOKENS (the token cost only) or CALL (the price per call only)",
  }),
};

export const createPlanSchema = z.object({
  slug: apiSlugSchema,
  ...planFields,
  description: planFields.description.optional(),
  chargePolicy: planFields.chargePolicy.optional(),
  allowedModels: planFields.allowedModels.optional(),
  tokensPerMinute: planFields.tokensPerMinute.optional(),
  maxOutputTokens: planFields.maxOutputTokens.optional(),
  promptPricing: planFields.promptPricing.optional(),
});

/** A plan in PATCH: an existing slug is updated with the fields given; a new slug needs every createPlanSchema field. */
const patchPlanSchema = z.object({
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
  upstreamConnectTimeoutMs: wholeNumber(100, 60_000, " ms"),
  upstreamTimeoutMs: wholeNumber(1_000, 300_000, " ms"),
  relayCookies: z.boolean().meta({
    description:
      "Relay the upstream's Set-Cookie to callers (Path forced under /api/gateway/{slug}, no Domain, never a portal cookie name) and forward callers' other cookies to it; default false: cookies never cross the gateway",
  }),
  openapi: openapiDocument,
  models: z
    .array(modelPublicIdSchema)
    .max(200)
    .superRefine((ids, ctx) => {
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", message: "Name each model once." });
    })
    .meta({ description: "AI APIs: the public ids of the models it publishes (replaces the whole set)" }),
  prompt: promptDefinitionSchema.meta({
    description:
      "Prompt APIs: the model, system prompt, user template with {{variable}} placeholders, variables, optional output JSON Schema, temperature and output cap. A changed prompt is saved as a new version",
  }),
};

export const createApiSchema = z
  .object({
    slug: apiSlugSchema.refine((slug) => !RESERVED_API_SLUGS.has(slug), "This slug is reserved; choose another."),
    kind: z.enum(["REST", "AI", "PROMPT"]).default("REST").meta({
      description:
        "REST: calls are forwarded to the upstream; AI: the API publishes models of the registry (no upstream, no OpenAPI document); PROMPT: a prompt run by a model (no upstream; the OpenAPI document is generated from `prompt`). Fixed once created",
    }),
    ...z.object(apiFields).partial().shape,
    name: apiFields.name,
    upstreamBaseUrl: apiFields.upstreamBaseUrl.optional().meta({ description: "REST APIs: required" }),
    status: z.enum(["DRAFT", "PUBLISHED"]).default("DRAFT"),
    plans: z.array(createPlanSchema).min(1, "Give the API at least one plan.").max(20).superRefine(uniquePlanSlugs),
  })
  .superRefine((api, ctx) => {
    // Refinements run even when a field failed, so `api` may hold anything here.
    for (const [field, message] of Object.entries(promptKindProblems(api, api.kind === "PROMPT")))
      ctx.addIssue({ code: "custom", path: field.split("."), message });
    if (api.kind === "PROMPT") {
      if (api.prompt === undefined) ctx.addIssue({ code: "custom", path: ["prompt"], message: "Define the prompt of a Prompt API." });
      return;
    }
    const kind = api.kind === "AI" ? "AI" : "REST";
    for (const [field, message] of Object.entries(kindProblems(kind, api)))
      ctx.addIssue({ code: "custom", path: field.split("."), message });
    if (kind === "REST" && api.upstreamBaseUrl === undefined) {
      ctx.addIssue({ code: "custom", path: ["upstreamBaseUrl"], message: "Give the upstream base URL, e.g. https://api.example.com/v1." });
    }
  });

export const updateApiSchema = z.object({
  ...z.object(apiFields).partial().shape,
  // null clears these two
  upstreamAuthHeader: apiFields.upstreamAuthHeader.nullable().optional(),
  upstreamCredential: apiFields.upstreamCredential.nullable().optional(),
  openapi: apiFields.openapi.nullable().optional(),
  status: z.enum(["DRAFT", "PUBLISHED", "DEPRECATED", "RETIRED"]).optional(),
  sunsetAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .meta({ description: "Announced end of life (ISO 8601, in the future), sent as the `Sunset` header while the API is deprecated" }),
  deprecationMessage: z
    .string()
    .trim()
    .max(500)
    .optional()
    .meta({ description: "With `status: DEPRECATED`: a note for the audit log and the admin console, e.g. what to use instead" }),
  plans: z.array(patchPlanSchema).max(20).superRefine(uniquePlanSlugs).optional(),
});

export type CreateApi = z.output<typeof createApiSchema>;
export type CreatePlan = z.output<typeof createPlanSchema>;
export type PatchPlan = z.output<typeof patchPlanSchema>;
export type UpdateApi = z.output<typeof updateApiSchema>;
