// The admin console's Prompt API form as it travels: every field as the admin typed it (strings),
// turned into the catalog's create or update input here, so the numbers, the enum values and the
// output schema's JSON are read in one place; a schema that is not JSON is a field error.
import { z } from "zod";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { microsToDecimal } from "@/lib/money";
import type { PromptPricing } from "@/lib/db";

const variableRow = z.object({
  name: z.string(),
  type: z.string(),
  description: z.string(),
  required: z.boolean(),
  maxLength: z.string(),
  maxItems: z.string(),
  values: z.string(),
});
const planRow = z.object({
  slug: z.string(),
  name: z.string(),
  price: z.string(),
  promptPricing: z.string(),
  rateLimit: z.string(),
  rateLimitWindowSec: z.string(),
  maxRequestBytes: z.string(),
  requiresApproval: z.boolean(),
});

export const promptFormSchema = z.object({
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  tags: z.string(),
  visibility: z.string(),
  model: z.string(),
  systemPrompt: z.string(),
  userTemplate: z.string(),
  variables: z.array(variableRow).max(100),
  outputSchema: z.string(),
  temperature: z.string(),
  maxOutputTokens: z.string(),
  plans: z.array(planRow).max(20),
});

export type PromptFormValues = z.infer<typeof promptFormSchema>;
export type VariableRow = z.infer<typeof variableRow>;
export type PlanRow = z.infer<typeof planRow>;

/** A number field: empty is null, anything else must be a number (or stays text, for zod to refuse). */
const numberOrNull = (text: string): number | string | null =>
  text.trim() === "" ? null : Number.isFinite(Number(text)) ? Number(text) : text;

/** The form as the catalog's input, or the field errors of what cannot even be read (the output schema's JSON). */
export function promptFormInput(
  form: PromptFormValues,
): { ok: true; input: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  let outputSchema: unknown = null;
  if (form.outputSchema.trim()) {
    try {
      outputSchema = JSON.parse(form.outputSchema);
    } catch (error) {
      return { ok: false, errors: { "prompt.outputSchema": `This is not JSON: ${(error as Error).message}` } };
    }
  }
  const prompt = {
    model: form.model,
    systemPrompt: form.systemPrompt,
    userTemplate: form.userTemplate,
    variables: form.variables.map((row) => ({
      name: row.name,
      type: row.type,
      description: row.description,
      required: row.required,
      maxLength: numberOrNull(row.maxLength),
      maxItems: numberOrNull(row.maxItems),
      values: row.values
        .split(",")
        .map((value) => value.trim())
        .filter(Boolean),
    })),
    outputSchema,
    temperature: numberOrNull(form.temperature),
    maxOutputTokens: numberOrNull(form.maxOutputTokens),
  };
  return {
    ok: true,
    input: {
      name: form.name,
      summary: form.summary,
      description: form.description,
      tags: form.tags
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
      visibility: form.visibility,
      prompt,
      plans: form.plans.map((plan) => ({
        slug: plan.slug,
        name: plan.name,
        price: plan.price,
        promptPricing: plan.promptPricing,
        rateLimit: numberOrNull(plan.rateLimit),
        rateLimitWindowSec: numberOrNull(plan.rateLimitWindowSec),
        maxRequestBytes: numberOrNull(plan.maxRequestBytes),
        requiresApproval: plan.requiresApproval,
      })),
    },
  };
}

const text = (value: number | null) => (value === null ? "" : String(value));

/** A stored definition as the form shows it. */
export function promptFormPrompt(
  definition: PromptDefinition,
): Pick<PromptFormValues, "model" | "systemPrompt" | "userTemplate" | "variables" | "outputSchema" | "temperature" | "maxOutputTokens"> {
  return {
    model: definition.model,
    systemPrompt: definition.systemPrompt,
    userTemplate: definition.userTemplate,
    variables: definition.variables.map((variable) => ({
      name: variable.name,
      type: variable.type,
      description: variable.description,
      required: variable.required,
      maxLength: text(variable.maxLength),
      maxItems: text(variable.maxItems),
      values: variable.values.join(", "),
    })),
    outputSchema: definition.outputSchema ? JSON.stringify(definition.outputSchema, null, 2) : "",
    temperature: text(definition.temperature),
    maxOutputTokens: String(definition.maxOutputTokens),
  };
}

/** A stored plan as the form shows it. */
export function promptFormPlan(plan: {
  slug: string;
  name: string;
  pricePerCall: bigint;
  promptPricing: PromptPricing;
  rateLimit: number;
  rateLimitWindowSec: number;
  maxRequestBytes: number;
  requiresApproval: boolean;
}): PlanRow {
  return {
    slug: plan.slug,
    name: plan.name,
    price: microsToDecimal(plan.pricePerCall),
    promptPricing: plan.promptPricing,
    rateLimit: String(plan.rateLimit),
    rateLimitWindowSec: String(plan.rateLimitWindowSec),
    maxRequestBytes: String(plan.maxRequestBytes),
    requiresApproval: plan.requiresApproval,
  };
}

/** A plan as the form starts it: a price per call plus tokens. */
export const NEW_PROMPT_PLAN: PlanRow = {
  slug: "",
  name: "",
  price: "0.001",
  promptPricing: "CALL_AND_TOKENS",
  rateLimit: "60",
  rateLimitWindowSec: "60",
  maxRequestBytes: "65536",
  requiresApproval: false,
};

/** A new Prompt API's form: one text variable in the template, one plan at a price per call plus tokens. */
export const NEW_PROMPT_FORM: PromptFormValues = {
  slug: "",
  name: "",
  summary: "",
  description: "",
  tags: "",
  visibility: "PUBLIC",
  model: "",
  systemPrompt: "",
  userTemplate: "{{text}}",
  variables: [{ name: "text", type: "string", description: "", required: true, maxLength: "10000", maxItems: "", values: "" }],
  outputSchema: "",
  temperature: "",
  maxOutputTokens: "500",
  plans: [{ ...NEW_PROMPT_PLAN, slug: "standard", name: "Standard" }],
};
