// Adding, changing and removing a model's deployments (a provider and the provider's model name,
// with a weight, a priority and an on/off switch). Each change is audited on the model and reaches
// the gateway at once.
import { db, type Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { deploymentRow, deploymentSummary, resolveDeployments } from "@/lib/ai/registry/deployment-data";
import { modelInclude, toModelView, type ModelView } from "@/lib/ai/registry/get-model";
import { lockModel } from "@/lib/ai/registry/lock-model";
import type { DeploymentInput, UpdateDeployment } from "@/lib/ai/registry/model-schemas";

type AuditTarget = { actor: Actor; requestId?: string; modelId: string };

/** Deployment changes are audited on their model. */
function audit(tx: Prisma.TransactionClient, target: AuditTarget, action: string, metadata: Prisma.InputJsonObject) {
  const { actor, requestId, modelId } = target;
  return recordAudit({ ...auditActor(actor), action, targetType: "ai_model", targetId: modelId, requestId, metadata }, tx);
}

export async function addDeployment(publicId: string, input: DeploymentInput, actor: Actor, requestId?: string): Promise<ModelView> {
  const row = await db.$transaction(async (tx) => {
    const model = await lockModel(tx, publicId);
    const [deployment] = await resolveDeployments(tx, [input], () => "provider");
    const created = await tx.aiDeployment.create({ data: { ...deploymentRow(deployment!), modelId: model.id } });
    await audit(tx, { actor, requestId, modelId: model.id }, "ai_model.deployment_added", {
      publicId,
      deploymentId: created.id,
      ...deploymentSummary(deployment!),
    });
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
    await audit(tx, { actor, requestId, modelId: model.id }, "ai_model.deployment_removed", {
      publicId,
      deploymentId,
      provider: deployment.provider.slug,
      providerModel: deployment.providerModel,
    });
    return tx.aiModel.findUniqueOrThrow({ where: { id: model.id }, include: modelInclude });
  });
  invalidate("ai-model", publicId);
  return toModelView(row);
}

/** Weight, priority and enabled of one deployment; the audit entry lists each change (from -> to). */
export async function updateDeployment(
  publicId: string,
  deploymentId: string,
  input: UpdateDeployment,
  actor: Actor,
  requestId?: string,
): Promise<ModelView> {
  const row = await db.$transaction(async (tx) => {
    const model = await lockModel(tx, publicId);
    const deployment = await tx.aiDeployment.findFirst({ where: { id: deploymentId, modelId: model.id }, include: { provider: true } });
    if (!deployment) throw notFound("This deployment");
    const changed: Record<string, { from: number | boolean; to: number | boolean }> = {};
    for (const field of ["weight", "priority", "enabled"] as const) {
      const to = input[field];
      if (to !== undefined && to !== deployment[field]) changed[field] = { from: deployment[field], to };
    }
    if (Object.keys(changed).length > 0) {
      const data = Object.fromEntries(Object.entries(changed).map(([field, { to }]) => [field, to]));
      await tx.aiDeployment.update({ where: { id: deployment.id }, data });
      await audit(tx, { actor, requestId, modelId: model.id }, "ai_model.deployment_updated", {
        publicId,
        deploymentId,
        provider: deployment.provider.slug,
        providerModel: deployment.providerModel,
        changed,
      });
    }
    return tx.aiModel.findUniqueOrThrow({ where: { id: model.id }, include: modelInclude });
  });
  invalidate("ai-model", publicId);
  return toModelView(row);
}
