// Which models an AI API publishes, for the catalog's create and update: model public ids <-> row
// ids (what api_models and a plan's allowedModelIds hold), and replacing an API's set of models.
// The gateway's caches hear of it through the API's invalidation (find-model.ts listens to "api").
import type { Prisma } from "@/lib/db";

export type ModelIndex = { idOf: Map<string, string>; publicIdOf: Map<string, string> };

/** Every model's two ids. The registry is small (tens to hundreds of models): one read. */
export async function loadModelIndex(tx: Prisma.TransactionClient): Promise<ModelIndex> {
  const rows = await tx.aiModel.findMany({ select: { id: true, publicId: true } });
  return {
    idOf: new Map(rows.map((row) => [row.publicId, row.id])),
    publicIdOf: new Map(rows.map((row) => [row.id, row.publicId])),
  };
}

/** `{ "models.2": "There is no model …" }` for each public id the registry does not have. */
export function unknownModelErrors(index: ModelIndex, publicIds: readonly string[] | undefined, field: string): Record<string, string> {
  const errors: Record<string, string> = {};
  publicIds?.forEach((publicId, position) => {
    if (!index.idOf.has(publicId)) errors[`${field}.${position}`] = `There is no model "${publicId}". Register it under AI models first.`;
  });
  return errors;
}

/** Replaces the API's models; returns the public ids added and removed (for the audit log). */
export async function setApiModels(
  tx: Prisma.TransactionClient,
  apiId: string,
  modelIds: readonly string[],
  index: ModelIndex,
): Promise<{ added: string[]; removed: string[] }> {
  const current = (await tx.apiModel.findMany({ where: { apiId }, select: { modelId: true } })).map((row) => row.modelId);
  const wanted = new Set(modelIds);
  const removed = current.filter((id) => !wanted.has(id));
  const added = [...wanted].filter((id) => !current.includes(id));
  if (removed.length) await tx.apiModel.deleteMany({ where: { apiId, modelId: { in: removed } } });
  if (added.length) await tx.apiModel.createMany({ data: added.map((modelId) => ({ apiId, modelId })) });
  const names = (ids: string[]) => ids.map((id) => index.publicIdOf.get(id) ?? id).sort();
  return { added: names(added), removed: names(removed) };
}
