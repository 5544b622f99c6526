// Changes an API's fields, lifecycle status and plans (added or updated by slug) in one
// transaction, then drops the gateway's cached copy so the change applies at once on this instance.
import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { encryptSecret } from "@/lib/crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { forgetApi } from "@/lib/gateway/route-cache";
import { includePlans, type ApiWithPlans } from "@/lib/catalog/api-query";
import { createPlanSchema, type PatchPlan, type UpdateApi } from "@/lib/catalog/api-schemas";
import { statusTransition } from "@/lib/catalog/api-status";
import { planCreateData, planUpdateData } from "@/lib/catalog/plan-data";

async function savePlans(tx: Prisma.TransactionClient, apiId: string, plans: PatchPlan[]) {
  const existing = await tx.plan.findMany({ where: { apiId }, select: { id: true, slug: true } });
  const bySlug = new Map(existing.map((plan) => [plan.slug, plan.id]));
  let sortOrder = existing.length;
  for (const [index, plan] of plans.entries()) {
    const id = bySlug.get(plan.slug);
    if (id) {
      await tx.plan.update({ where: { id }, data: planUpdateData(plan) });
      continue;
    }
    // A slug the API does not have yet is a new plan, which needs every field (422 per field).
    const parsed = createPlanSchema.safeParse(plan);
    if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ["plans", index, ...issue.path] })));
    await tx.plan.create({ data: { ...planCreateData(parsed.data, sortOrder++), apiId } });
  }
}

export async function updateApi(slug: string, input: UpdateApi, actor: Actor, requestId?: string): Promise<ApiWithPlans> {
  const { plans, status, upstreamCredential, sunsetAt, openapi, ...fields } = input;
  const api = await db.$transaction(async (tx) => {
    // Row lock: two concurrent status changes are applied one after the other, each checked.
    const [current] = await tx.$queryRaw<{ id: string; status: ApiWithPlans["status"] }[]>`SELECT id, status FROM apis WHERE slug = ${slug} FOR UPDATE`;
    if (!current) throw notFound("This API");
    const data: Prisma.ApiUpdateInput = {
      ...fields,
      ...(status ? statusTransition(current.status, status) : {}),
      ...(sunsetAt !== undefined ? { sunsetAt: sunsetAt ? new Date(sunsetAt) : null } : {}),
      ...(openapi !== undefined ? { openapi: openapi === null ? Prisma.DbNull : (openapi as Prisma.InputJsonValue) } : {}),
      ...(upstreamCredential !== undefined ? { upstreamCredentialEncrypted: upstreamCredential ? encryptSecret(upstreamCredential) : null } : {}),
    };
    if (plans) await savePlans(tx, current.id, plans);
    const updated = await tx.api.update({ where: { id: current.id }, data, include: includePlans() });
    await recordAudit(
      { ...auditActor(actor), action: "api.updated", targetType: "api", targetId: current.id, requestId, metadata: { slug, changed: Object.keys(input), status: { from: current.status, to: updated.status }, plans: plans?.map((plan) => plan.slug) ?? [] } },
      tx,
    );
    return updated;
  });
  forgetApi(slug);
  return api;
}
