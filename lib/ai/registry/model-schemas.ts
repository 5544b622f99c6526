// Input schemas for models and their deployments, shared by the management API and the admin
// console. Prices are decimal strings per 1,000,000 tokens, converted to micro-units by the domain
// functions (model-data.ts). Rules across fields (a chat model's answer fits its context) need the
// stored values on update, so model-data.ts checks them for both doors.
import { z } from "zod";
import { decimalToMicros } from "@/lib/money";
import { decimalAmount } from "@/lib/billing/money-schemas";

export const MODEL_KINDS = ["CHAT", "EMBEDDINGS"] as const;
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._:/-]*$/;
/** Highest price per 1M tokens, in whole currency units: a typo (25000 for 2.5) cannot drain a team. */
export const MAX_PRICE_PER_MILLION = "10000";
const MAX_PRICE_MICROS = decimalToMicros(MAX_PRICE_PER_MILLION);
export const MAX_CONTEXT_WINDOW = 10_000_000;
export const MAX_DEPLOYMENTS = 20;

export const modelPublicIdSchema = z
  .string()
  .trim()
  .min(1, "Give the model an id.")
  .max(100, "Use at most 100 characters.")
  .regex(MODEL_ID_PATTERN, "Use lowercase letters, digits and . _ : / -, starting with a letter or digit (e.g. gpt-4o-mini).")
  .meta({ description: "The id callers send as `model`, unique on the platform, e.g. `gpt-4o-mini`" });

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(min, `Use at least ${min}.`)
    .max(max, `Use at most ${max.toLocaleString("en")}.`);

const pricePerMillion = (what: string) =>
  decimalAmount
    .refine(
      (value) => !/^\d{1,12}(\.\d{1,6})?$/.test(value) || decimalToMicros(value) <= MAX_PRICE_MICROS,
      `Use a price from 0 to ${MAX_PRICE_PER_MILLION} per 1M tokens.`,
    )
    .meta({ description: `${what} per 1,000,000 tokens as a decimal string, e.g. "2.50"` });

const deploymentWeight = wholeNumber(1, 1_000).meta({
  description: "Share of the traffic among deployments of the same priority (1-1000)",
});
const deploymentPriority = wholeNumber(0, 100).meta({ description: "Lower is tried first; higher priorities are fallbacks (0-100)" });
const deploymentEnabled = z
  .boolean({ error: "Send true or false." })
  .meta({ description: "A disabled deployment stays registered but gets no calls" });

export const deploymentInputSchema = z.object({
  provider: z.string().trim().min(1, "Choose a provider.").max(100).meta({ description: "The provider's id or slug" }),
  providerModel: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{1,200}$/, "Use the provider's model name as it spells it (1-200 visible characters, no spaces).")
    .meta({ description: "The model name the provider expects, e.g. `gpt-4o-mini-2024-07-18` or `meta-llama/Llama-3.3-70B`" }),
  weight: deploymentWeight.default(1),
  priority: deploymentPriority.default(0),
  enabled: deploymentEnabled.default(true),
});

/** A deployment's routing settings; its provider and model name are fixed (add another deployment instead). */
export const updateDeploymentSchema = z
  .object({
    weight: deploymentWeight.optional(),
    priority: deploymentPriority.optional(),
    enabled: deploymentEnabled.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "Send weight, priority or enabled.");

const modelFields = {
  displayName: z.string().trim().min(1, "Give the model a display name.").max(100),
  kind: z
    .enum(MODEL_KINDS, { error: "Choose CHAT or EMBEDDINGS." })
    .meta({ description: "CHAT (chat completions, messages) or EMBEDDINGS" }),
  contextWindow: wholeNumber(1, MAX_CONTEXT_WINDOW).meta({ description: "Tokens of input and output together" }),
  maxOutputTokens: wholeNumber(0, MAX_CONTEXT_WINDOW).meta({
    description: "Largest answer in tokens (chat: 1 up to the context window; embeddings: 0)",
  }),
  supportsTools: z.boolean().meta({ description: "Accepts tools and answers with tool calls" }),
  supportsVision: z.boolean().meta({ description: "Accepts image content parts" }),
  supportsJsonOutput: z.boolean().meta({ description: "Honours response_format json_object / json_schema" }),
  inputPrice: pricePerMillion("Price of input tokens"),
  cachedInputPrice: pricePerMillion("Price of cached input tokens"),
  outputPrice: pricePerMillion("Price of output tokens"),
};

export const createModelSchema = z.object({
  publicId: modelPublicIdSchema,
  displayName: modelFields.displayName,
  kind: modelFields.kind.default("CHAT"),
  contextWindow: modelFields.contextWindow,
  maxOutputTokens: modelFields.maxOutputTokens.optional(),
  supportsTools: modelFields.supportsTools.default(false),
  supportsVision: modelFields.supportsVision.default(false),
  supportsJsonOutput: modelFields.supportsJsonOutput.default(false),
  inputPrice: modelFields.inputPrice,
  cachedInputPrice: modelFields.cachedInputPrice.optional().meta({ description: "Defaults to the input price" }),
  outputPrice: modelFields.outputPrice.optional().meta({ description: "Required for chat models; embeddings have no output" }),
  deployments: z
    .array(deploymentInputSchema)
    .max(MAX_DEPLOYMENTS)
    .default([])
    .meta({ description: "Where the model runs; add more later" }),
});

export const updateModelSchema = z.object(z.object(modelFields).partial().shape);

export type CreateModel = z.output<typeof createModelSchema>;
export type UpdateModel = z.output<typeof updateModelSchema>;
export type DeploymentInput = z.output<typeof deploymentInputSchema>;
export type UpdateDeployment = z.output<typeof updateDeploymentSchema>;
