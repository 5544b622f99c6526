// GET /api/ai/v1/models and /models/{id}: the models this key may use, in OpenAI's list format.
import type { AiModel } from "@/lib/db";
import { listUsableModels } from "@/lib/ai/registry/list-usable-models";
import { AiError } from "@/lib/ai/gateway/ai-error";
import type { AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import type { PlainAnswer } from "@/lib/gateway/gateway-answer";

const toModelObject = (model: AiModel) => ({
  id: model.publicId,
  object: "model" as const,
  created: Math.floor(model.createdAt.getTime() / 1000),
  owned_by: "tollgate",
  // Extra fields SDKs ignore: what a person choosing a model wants to know.
  display_name: model.displayName,
  kind: model.kind.toLowerCase(),
  context_window: model.contextWindow,
  max_output_tokens: model.maxOutputTokens,
});

function json(value: unknown, context: AiRequestContext): PlainAnswer {
  const headers: PlainAnswer["headers"] = [
    ["content-type", "application/json"],
    ["x-request-id", context.requestId],
    ["cache-control", "no-store"],
  ];
  return { status: 200, headers, body: Buffer.from(JSON.stringify(value)) };
}

export async function handleListModels(context: AiRequestContext): Promise<PlainAnswer> {
  const models = await listUsableModels(context.key);
  return json({ object: "list", data: models.map(toModelObject) }, context);
}

export async function handleGetModel(id: string, context: AiRequestContext): Promise<PlainAnswer> {
  const models = await listUsableModels(context.key);
  const model = models.find((candidate) => candidate.publicId === id);
  if (!model) {
    const ids = models.map((candidate) => candidate.publicId).join(", ") || "none";
    throw new AiError("model_not_found", `There is no model "${id}" for this key. Models this key may use: ${ids}.`, { param: "model" });
  }
  return json(toModelObject(model), context);
}
