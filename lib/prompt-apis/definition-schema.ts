// What an admin defines for a Prompt API: the model, a system prompt, a user message template with
// `{{variable}}` placeholders, the typed variables, an optional output JSON Schema, temperature and
// an output cap. zod checks each field; definitionProblems (check-definition.ts) checks how they fit
// together (placeholders against variables, the output schema) and the save checks the model exists.
import { z } from "zod";
import { modelPublicIdSchema } from "@/lib/ai/registry/model-schemas";

export const VARIABLE_TYPES = ["string", "number", "boolean", "enum", "string_array"] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
export const MAX_VARIABLES = 30;
export const MAX_TEMPLATE_CHARS = 20_000;
/** The most characters a string variable (or one item of a list) may take, whatever its own limit says. */
export const MAX_VALUE_CHARS = 100_000;
export const MAX_OUTPUT_TOKENS = 100_000;

export const promptVariableSchema = z.object({
  name: z.string().trim().regex(VARIABLE_NAME_PATTERN, "Use 1-40 letters, digits and underscores, starting with a letter or underscore."),
  type: z.enum(VARIABLE_TYPES, { error: "Pick string, number, boolean, enum or string_array." }),
  description: z.string().trim().max(500).default(""),
  required: z.boolean().default(true),
  /** strings and list items: the most characters */
  maxLength: z.number().int().min(1).max(MAX_VALUE_CHARS).nullable().default(null),
  /** lists: the most items */
  maxItems: z.number().int().min(1).max(1_000).nullable().default(null),
  /** enums: the allowed values */
  values: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});

export const promptDefinitionSchema = z.object({
  model: modelPublicIdSchema.meta({ description: "Public id of a chat model of the registry" }),
  systemPrompt: z.string().max(MAX_TEMPLATE_CHARS).default(""),
  userTemplate: z
    .string()
    .min(1, "Write the user message template, e.g. “Summarise: {{text}}”.")
    .max(MAX_TEMPLATE_CHARS)
    .meta({ description: "The user message; `{{name}}` placeholders are replaced by the variables (plain text, no code runs)" }),
  variables: z.array(promptVariableSchema).max(MAX_VARIABLES),
  outputSchema: z
    .record(z.string(), z.unknown(), { error: "Give the output schema as a JSON object." })
    .nullable()
    .default(null)
    .meta({ description: "JSON Schema (an object schema) the output must match; null: the output is text" }),
  temperature: z.number().min(0).max(2).nullable().default(null),
  maxOutputTokens: z.number().int().min(1).max(MAX_OUTPUT_TOKENS),
});

export type PromptVariable = z.output<typeof promptVariableSchema>;
export type PromptDefinition = z.output<typeof promptDefinitionSchema>;
export type PromptDefinitionInput = z.input<typeof promptDefinitionSchema>;
