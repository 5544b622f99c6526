// Removes a model and its deployments. A model an API still publishes is refused (409, naming the
// APIs): teams subscribed to it would lose it without notice, and plans listing it would allow
// nothing. Remove it from those APIs first. A model a Prompt API version uses is refused too.
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { modelInclude, toModelView, type ModelView } from "@/lib/ai/registry/get-model";
import { lockModel } from "@/lib/ai/registry/lock-model";
import { modelSummary } from "@/lib/ai/registry/model-data";

export async function deleteModel(publicId: string, actor: Actor, requestId?: string): Promise<ModelView> {
  const view = await db.$transaction(async (tx) => {
    const current = await lockModel(tx, publicId);
    const model = toModelView(await tx.aiModel.findUniqueOrThrow({ where: { id: current.id }, include: modelInclude }));
    if (model.apis.length > 0) {
      const apis = model.apis.map((api) => `"${api.slug}"`).join(", ");
      throw new AppError(
        "conflict",
        `"${publicId}" is published by ${apis}: remove it from ${model.apis.length === 1 ? "that API" : "those APIs"} first.`,
      );
    }
    // Prompt API versions are kept for good (a rollback may serve any of them), so their model stays.
    const prompts = await tx.api.findMany({ where: { promptVersions: { some: { modelId: current.id } } }, select: { slug: true } });
    if (prompts.length > 0) {
      const names = prompts.map((api) => `"${api.slug}"`).join(", ");
      throw new AppError(
        "conflict",
        `"${publicId}" answers versions of the Prompt API${prompts.length === 1 ? "" : "s"} ${names}: it cannot be deleted.`,
      );
    }
    await tx.aiModel.delete({ where: { id: current.id } });
    const metadata = {
      ...modelSummary(current),
      deployments: model.deployments.map((deployment) => ({ provider: deployment.provider.slug, providerModel: deployment.providerModel })),
    } as Prisma.InputJsonValue;
    await recordAudit(
      { ...auditActor(actor), action: "ai_model.deleted", targetType: "ai_model", targetId: current.id, requestId, metadata },
      tx,
    );
    return model;
  });
  invalidate("ai-model", publicId);
  return view;
}
