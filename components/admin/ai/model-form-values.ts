// A saved model -> the flat string values its form starts from (prices per 1M tokens as decimals).
import type { ModelView } from "@/lib/ai/registry/get-model";
import { microsToDecimal } from "@/lib/money";

export type ModelFormValues = Record<string, string>;

export const NEW_MODEL_VALUES: ModelFormValues = { kind: "CHAT", "deployments.0.weight": "1", "deployments.0.priority": "0" };

export function modelFormValues(model: ModelView): ModelFormValues {
  const values: ModelFormValues = {
    publicId: model.publicId,
    displayName: model.displayName,
    kind: model.kind,
    contextWindow: String(model.contextWindow),
    maxOutputTokens: String(model.maxOutputTokens),
    inputPrice: microsToDecimal(model.inputPrice, 0),
    cachedInputPrice: microsToDecimal(model.cachedInputPrice, 0),
    outputPrice: microsToDecimal(model.outputPrice, 0),
  };
  if (model.supportsTools) values.supportsTools = "on";
  if (model.supportsVision) values.supportsVision = "on";
  if (model.supportsJsonOutput) values.supportsJsonOutput = "on";
  return values;
}
