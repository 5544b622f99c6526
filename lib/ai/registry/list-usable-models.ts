// The models a key may call: those of the AI APIs its team actively subscribes to (published or
// deprecated, within the key's API scope), narrowed by each plan's and the key's model lists. Read
// from the database, not the caches: it answers GET /models and error messages, not the hot path.
import { db, type AiModel, type AiModelKind } from "@/lib/db";
import type { ResolvedKey } from "@/lib/gateway/key-cache";

export async function listUsableModels(key: ResolvedKey, kind?: AiModelKind): Promise<AiModel[]> {
  const subscriptions = await db.subscription.findMany({
    where: { teamId: key.teamId, status: "ACTIVE", api: { kind: "AI", status: { in: ["PUBLISHED", "DEPRECATED"] } } },
    select: { apiId: true, plan: { select: { allowedModelIds: true } }, api: { select: { models: { select: { model: true } } } } },
  });
  const usable = new Map<string, AiModel>();
  for (const subscription of subscriptions) {
    if (!key.scopeAllApis && !key.scopeApiIds.has(subscription.apiId)) continue;
    for (const { model } of subscription.api.models) {
      const planAllows = subscription.plan.allowedModelIds.length === 0 || subscription.plan.allowedModelIds.includes(model.id);
      const keyAllows = key.scopeModelIds.size === 0 || key.scopeModelIds.has(model.id);
      if (planAllows && keyAllows && (!kind || model.kind === kind)) usable.set(model.id, model);
    }
  }
  return [...usable.values()].sort((a, b) => a.publicId.localeCompare(b.publicId));
}

export async function listUsableModelIds(key: ResolvedKey, kind?: AiModelKind): Promise<string[]> {
  return (await listUsableModels(key, kind)).map((model) => model.publicId);
}
