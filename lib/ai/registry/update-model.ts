// Changes a model's name, limits, capabilities or prices. Only what differs is written and
// audited (prices as decimal strings); the gateway's cached copy is dropped at once, so the next
// call is priced and capped by the new terms.
import { db, type Prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { modelInclude, toModelView, type ModelView } from "@/lib/ai/registry/get-model";
import { lockModel } from "@/lib/ai/registry/lock-model";
import { modelChanges } from "@/lib/ai/registry/model-data";
import type { UpdateModel } from "@/lib/ai/registry/model-schemas";

export async function updateModel(publicId: string, input: UpdateModel, actor: Actor, requestId?: string): Promise<ModelView> {
  const row = await db.$transaction(async (tx) => {
    const current = await lockModel(tx, publicId);
    const { data, diff } = modelChanges(current, input);
    if (Object.keys(diff).length === 0) return tx.aiModel.findUniqueOrThrow({ where: { id: current.id }, include: modelInclude });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "ai_model.updated",
        targetType: "ai_model",
        targetId: current.id,
        requestId,
        metadata: { publicId, changed: diff } as Prisma.InputJsonValue,
      },
      tx,
    );
    return tx.aiModel.update({ where: { id: current.id }, data, include: modelInclude });
  });
  invalidate("ai-model", publicId);
  return toModelView(row);
}
