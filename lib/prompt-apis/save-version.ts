// Saving a Prompt API's definition: checked first (how the parts fit, and that the model is a chat
// model of the registry), then, inside the caller's transaction, a new version when it differs from
// the live one. Versions are never changed; the API serves `apis.promptVersion`.
import { db, type Prisma } from "@/lib/db";
import { invalid } from "@/lib/validation";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { definitionProblems } from "@/lib/prompt-apis/check-definition";
import { definitionOf, sameDefinition, VERSION_INCLUDE, versionData } from "@/lib/prompt-apis/stored-definition";

/**
 * Throws one 422 with every problem, keyed under `prefix` (`prompt.userTemplate`); returns the
 * model's row id.
 */
export async function checkPromptDefinition(definition: PromptDefinition, prefix = "prompt"): Promise<string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(definitionProblems(definition))) errors[`${prefix}.${field}`] = message;
  const model = await db.aiModel.findUnique({ where: { publicId: definition.model }, select: { id: true, kind: true } });
  if (!model) errors[`${prefix}.model`] = `There is no model “${definition.model}” in the registry.`;
  else if (model.kind !== "CHAT") errors[`${prefix}.model`] = `“${definition.model}” is an embeddings model: pick a chat model.`;
  if (Object.keys(errors).length) throw invalid(errors);
  return model!.id;
}

export type SavedVersion = { version: number; created: boolean; previous: number | null };

export async function savePromptVersion(
  tx: Prisma.TransactionClient,
  api: { id: string; promptVersion: number | null },
  definition: PromptDefinition,
  modelId: string,
  createdById: string | null,
): Promise<SavedVersion> {
  if (api.promptVersion !== null) {
    const live = await tx.promptApiVersion.findUnique({
      where: { apiId_version: { apiId: api.id, version: api.promptVersion } },
      include: VERSION_INCLUDE,
    });
    if (live && sameDefinition(definitionOf(live), definition)) return { version: live.version, created: false, previous: live.version };
  }
  const latest = await tx.promptApiVersion.aggregate({ where: { apiId: api.id }, _max: { version: true } });
  const version = (latest._max.version ?? 0) + 1;
  await tx.promptApiVersion.create({ data: { apiId: api.id, version, modelId, createdById, ...versionData(definition) } });
  await tx.api.update({ where: { id: api.id }, data: { promptVersion: version } });
  return { version, created: true, previous: api.promptVersion };
}

/** The definition an API serves now, read inside the caller's transaction. */
export async function liveDefinition(
  tx: Prisma.TransactionClient,
  apiId: string,
  version: number | null,
): Promise<PromptDefinition | null> {
  if (version === null) return null;
  const row = await tx.promptApiVersion.findUnique({ where: { apiId_version: { apiId, version } }, include: VERSION_INCLUDE });
  return row ? definitionOf(row) : null;
}
