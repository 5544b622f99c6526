// Adding and removing a model's deployments (a provider and the provider's model name, with a
// weight and a priority). Each change is audited on the model and reaches the gateway at once.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { deploymentRow, deploymentSummary, resolveDeployments } from "@/lib/ai/registry/deployment-data";
import { modelInclude, toModelView, type ModelView } from "@/lib/ai/registry/get-model";
import { lockModel } from "@/lib/ai/registry/lock-model";
import type { DeploymentInput } from "@/lib/ai/registry/model-schemas";

export async function addDeployment(publicId: string, input: DeploymentInput, actor: Actor, requestId?: string): Promise<ModelView> {
  const row = await db.$transaction(async (tx) => {
    const model = await lockModel(tx, publicId);
    const [deployment] = await resolveDeployments(tx, [input], () => "provider");
    const created = await tx.aiDeployment.create({ data: { ...deploymentRow(deployment!), modelId: model.id } });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "ai_model.deployment_added",
        targetType: "ai_model",
        targetId: model.id,
        requestId,
        metadata: { publicId, deploymentId: created.id, ...deploymentSummary(deployment!) },
      },
      tx,
    );
    return tx.aiModel.findUniqueOrThrow({ where: { id: model.id }, include: modelInclude });
  });
  invalidate("ai-model", publicId);
  return toModelView(row);
}

export async function removeDeployment(publicId: string, deploymentId: string, actor: Actor, requestId?: string): Promise<ModelView> {
  const row = await db.$transaction(async (tx) => {
    const model = await lockModel(tx, publicId);
    const deployment = await tx.aiDeployment.findFirst({ where: { id: deploymentId, modelId: model.id }, include: { provider: true } });
    if (!deployment) throw notFound("This deployment");
    await tx.aiDeployment.delete({ where: { id: deployment.id } });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "ai_model.deployment_removed",
        targetType: "ai_model",
        targetId: model.id,
        requestId,
        metadata: { publicId, deploymentId, provider: deployment.provider.slug, providerModel: deployment.providerModel },
      },
      tx,
    );
    return tx.aiModel.findUniqueOrThrow({ where: { id: model.id }, include: modelInclude });
  });
  invalidate("ai-model", publicId);
  return toModelView(row);
}
