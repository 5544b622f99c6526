// AI models on the wire: prices as decimal strings per 1,000,000 tokens, like every amount of
// /api/v1, with their deployments and the AI APIs that publish them.
import { z } from "zod";
import { moneyString, toMoneyString } from "@/lib/billing/money-schemas";
import type { ModelView } from "@/lib/ai/registry/get-model";
import { isoDateTimeOut } from "@/lib/management/schemas/common";

const perMillion = (what: string) => moneyString.meta({ description: `${what} per 1,000,000 tokens` });

export const aiDeploymentSchema = z.object({
  id: z.string(),
  provider: z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.enum(["OPENAI", "ANTHROPIC"]) }),
  providerModel: z.string().meta({ description: "The model name sent to the provider" }),
  weight: z.number().int(),
  priority: z.number().int().meta({ description: "Lower is tried first" }),
  enabled: z.boolean().meta({ description: "A disabled deployment gets no calls" }),
});

export const aiModelSchema = z.object({
  publicId: z.string().meta({ description: "The id callers send as `model`" }),
  displayName: z.string(),
  kind: z.enum(["CHAT", "EMBEDDINGS"]),
  contextWindow: z.number().int(),
  maxOutputTokens: z.number().int(),
  supportsTools: z.boolean(),
  supportsVision: z.boolean(),
  supportsJsonOutput: z.boolean(),
  inputPrice: perMillion("Price of input tokens"),
  cachedInputPrice: perMillion("Price of cached input tokens"),
  outputPrice: perMillion("Price of output tokens"),
  deployments: z.array(aiDeploymentSchema).meta({ description: "By priority, then in the order they were added" }),
  apis: z
    .array(z.object({ slug: z.string(), name: z.string(), status: z.enum(["DRAFT", "PUBLISHED", "DEPRECATED", "RETIRED"]) }))
    .meta({ description: "The AI APIs that publish this model" }),
  createdAt: isoDateTimeOut,
  updatedAt: isoDateTimeOut,
});

export const aiModelListSchema = z.object({ data: z.array(aiModelSchema) });

export function toAiModelResponse(model: ModelView): z.input<typeof aiModelSchema> {
  return {
    ...model,
    inputPrice: toMoneyString(model.inputPrice),
    cachedInputPrice: toMoneyString(model.cachedInputPrice),
    outputPrice: toMoneyString(model.outputPrice),
    createdAt: model.createdAt.toISOString(),
    updatedAt: model.updatedAt.toISOString(),
  };
}
