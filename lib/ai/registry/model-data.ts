// Model input (decimal prices per 1M tokens) -> Prisma data (micro-units), the rules across fields,
// and what the audit log keeps of a model: its terms in the units the admin typed.
import type { AiModel, Prisma } from "@/lib/db";
import { decimalToMicros } from "@/lib/money";
import { toMoneyString } from "@/lib/billing/money-schemas";
import { invalid } from "@/lib/validation";
import type { CreateModel, UpdateModel } from "@/lib/ai/registry/model-schemas";

type Limits = { kind: "CHAT" | "EMBEDDINGS"; contextWindow: number; maxOutputTokens?: number; outputPrice?: unknown };

/** A chat model's answer must fit its context and have a price; embeddings produce no output tokens. */
export function checkModelLimits(limits: Limits): void {
  const errors: Record<string, string> = {};
  if (limits.kind === "CHAT") {
    if (!limits.maxOutputTokens) errors.maxOutputTokens = "A chat model needs its largest answer in tokens (at least 1).";
    else if (limits.maxOutputTokens > limits.contextWindow) errors.maxOutputTokens = "The largest answer cannot exceed the context window.";
    if (limits.outputPrice === undefined) errors.outputPrice = "A chat model needs an output price (0 for free).";
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

export function modelCreateData(input: CreateModel): Omit<Prisma.AiModelCreateInput, "deployments" | "apis"> {
  checkModelLimits(input);
  return {
    publicId: input.publicId,
    displayName: input.displayName,
    kind: input.kind,
    contextWindow: input.contextWindow,
    maxOutputTokens: input.maxOutputTokens ?? 0,
    supportsTools: input.supportsTools,
    supportsVision: input.supportsVision,
    supportsJsonOutput: input.supportsJsonOutput,
    inputPrice: decimalToMicros(input.inputPrice),
    cachedInputPrice: decimalToMicros(input.cachedInputPrice ?? input.inputPrice),
    outputPrice: decimalToMicros(input.outputPrice ?? "0"),
  };
}

const PRICES = ["inputPrice", "cachedInputPrice", "outputPrice"] as const;
const PLAIN_FIELDS = [
  "displayName",
  "kind",
  "contextWindow",
  "maxOutputTokens",
  "supportsTools",
  "supportsVision",
  "supportsJsonOutput",
] as const;

/** The audit log's copy of a model's terms (prices as decimal strings, never bigints). */
export function modelSummary(model: AiModel) {
  return {
    publicId: model.publicId,
    displayName: model.displayName,
    kind: model.kind,
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    supportsTools: model.supportsTools,
    supportsVision: model.supportsVision,
    supportsJsonOutput: model.supportsJsonOutput,
    ...Object.fromEntries(PRICES.map((price) => [price, toMoneyString(model[price])])),
  };
}

/** Only the fields that differ from the stored model, checked together with the stored ones. */
export function modelChanges(current: AiModel, patch: UpdateModel): { data: Prisma.AiModelUpdateInput; diff: Record<string, unknown> } {
  const data: Prisma.AiModelUpdateInput = {};
  const diff: Record<string, unknown> = {};
  for (const field of PLAIN_FIELDS) {
    const value = patch[field];
    if (value === undefined || value === current[field]) continue;
    Object.assign(data, { [field]: value });
    diff[field] = { from: current[field], to: value };
  }
  for (const field of PRICES) {
    if (patch[field] === undefined) continue;
    const micros = decimalToMicros(patch[field]);
    if (micros === current[field]) continue;
    data[field] = micros;
    diff[field] = { from: toMoneyString(current[field]), to: toMoneyString(micros) };
  }
  checkModelLimits({
    kind: patch.kind ?? current.kind,
    contextWindow: patch.contextWindow ?? current.contextWindow,
    maxOutputTokens: patch.maxOutputTokens ?? current.maxOutputTokens,
    outputPrice: patch.outputPrice ?? current.outputPrice,
  });
  return { data, diff };
}
