// Creates an API together with its plans in one transaction: a half-created API (no plans) would
// show up in the catalog with nothing to subscribe to. The upstream and the OpenAPI document are
// checked first (lib/catalog/check-api-input.ts), and an AI API's models must be in the registry,
// so a refused input writes nothing.
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { encryptSecret } from "@/lib/crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorUserId, auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { includePlans, type ApiWithPlans } from "@/lib/catalog/api-query";
import type { CreateApi } from "@/lib/catalog/api-schemas";
import { checkApiInput } from "@/lib/catalog/check-api-input";
import { planCreateData, planSummary } from "@/lib/catalog/plan-data";
import { isUniqueViolation } from "@/lib/db-errors";
import { invalid } from "@/lib/validation";
import { checkAiApiHasUsableModel, checkPlanModels } from "@/lib/catalog/ai-fields";
import { loadModelIndex, unknownModelErrors } from "@/lib/ai/registry/api-models";
import { checkPromptDefinition, savePromptVersion } from "@/lib/prompt-apis/save-version";
import { storedPromptDocument } from "@/lib/prompt-apis/prompt-document";

export async function createApi(input: CreateApi, actor: Actor, requestId?: string): Promise<ApiWithPlans> {
  const { plans, upstreamCredential, status, openapi: given, models, prompt, ...fields } = input;
  const checked = await checkApiInput({ upstreamBaseUrl: fields.upstreamBaseUrl, openapi: given });
  // A Prompt API's document is generated from its prompt, and its first version is saved with it.
  const promptModelId = fields.kind === "PROMPT" && prompt ? await checkPromptDefinition(prompt) : null;
  const described = { slug: fields.slug, name: fields.name, summary: fields.summary ?? "", description: fields.description ?? "" };
  const openapi = prompt && promptModelId ? storedPromptDocument({ ...described, version: fields.version ?? "1.0.0" }, prompt) : checked;
  const index = fields.kind === "AI" ? await loadModelIndex(db) : undefined;
  if (index) {
    const errors = unknownModelErrors(index, models, "models");
    plans.forEach((plan, position) =>
      Object.assign(errors, unknownModelErrors(index, plan.allowedModels, `plans.${position}.allowedModels`)),
    );
    if (Object.keys(errors).length > 0) throw invalid(errors);
  }
  try {
    const api = await db.$transaction(async (tx) => {
      const created = await tx.api.create({
        data: {
          ...fields,
          upstreamBaseUrl: fields.upstreamBaseUrl ?? "", // an AI API has none
          status,
          openapi: openapi as Prisma.InputJsonValue | undefined,
          publishedAt: status === "PUBLISHED" ? new Date() : null,
          upstreamCredentialEncrypted: upstreamCredential ? encryptSecret(upstreamCredential) : null,
          plans: { create: plans.map((plan, position) => planCreateData(plan, position, index)) },
          models: { create: (models ?? []).map((publicId) => ({ modelId: index!.idOf.get(publicId)! })) },
        },
        include: includePlans(),
      });
      if (index) await checkPlanModels(tx, created.id, index);
      if (prompt && promptModelId)
        created.promptVersion = (await savePromptVersion(tx, created, prompt, promptModelId, actorUserId(actor))).version;
      if (index && status === "PUBLISHED") await checkAiApiHasUsableModel(tx, created.id);
      // The terms as created; the credential only as "set or not", never its value.
      const metadata = {
        slug: created.slug,
        kind: created.kind,
        name: created.name,
        status,
        visibility: created.visibility,
        upstreamBaseUrl: created.upstreamBaseUrl,
        upstreamCredential: upstreamCredential ? "set" : "none",
        openapi: openapi ? "set" : "none",
        ...(index ? { models: models ?? [] } : {}),
        ...(prompt ? { promptVersion: 1, model: prompt.model } : {}),
        plans: plans.map(planSummary),
      };
      await recordAudit({ ...auditActor(actor), action: "api.created", targetType: "api", targetId: created.id, requestId, metadata }, tx);
      return created;
    });
    invalidate("api", api.slug); // a gateway instance may have cached "no such API" for this slug
    for (const { model } of api.models) invalidate("ai-model", model.publicId); // now published here
    return api;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `An API with the slug "${input.slug}" already exists.`, { slug: "This slug is taken." });
    }
    throw error;
  }
}
