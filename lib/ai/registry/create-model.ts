// Registers a model with its deployments in one transaction, then drops the gateway's cached
// "no such model" for its id, so a call right after creation finds it.
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { isUniqueViolation } from "@/lib/db-errors";
import { deploymentRow, deploymentSummary, resolveDeployments } from "@/lib/ai/registry/deployment-data";
import { modelInclude, toModelView, type ModelView } from "@/lib/ai/registry/get-model";
import { modelCreateData, modelSummary } from "@/lib/ai/registry/model-data";
import type { CreateModel } from "@/lib/ai/registry/model-schemas";

export async function createModel(input: CreateModel, actor: Actor, requestId?: string): Promise<ModelView> {
  const data = modelCreateData(input);
  try {
    const row = await db.$transaction(async (tx) => {
      const deployments = await resolveDeployments(tx, input.deployments, (index) => `deployments.${index}.provider`);
      const created = await tx.aiModel.create({
        data: { ...data, deployments: { create: deployments.map(deploymentRow) } },
        include: modelInclude,
      });
      const metadata = { ...modelSummary(created), deployments: deployments.map(deploymentSummary) } as Prisma.InputJsonValue;
      await recordAudit(
        { ...auditActor(actor), action: "ai_model.created", targetType: "ai_model", targetId: created.id, requestId, metadata },
        tx,
      );
      return created;
    });
    invalidate("ai-model", row.publicId);
    return toModelView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A model with the id "${input.publicId}" already exists.`, { publicId: "This id is taken." });
    }
    throw error;
  }
}
