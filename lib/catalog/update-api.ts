// Changes an API's fields, lifecycle status, plans (added or updated by slug) and, for an AI API,
// the models it publishes, in one transaction, then drops the gateway's cached copy so the change
// applies at once on this instance. The audit entry lists what changed (from -> to; long texts and
// the credential only as "changed").
import { z } from "zod";
import { db, Prisma, type ApiKind, type Plan } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { encryptSecret } from "@/lib/crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorUserId, auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { includePlans, type ApiWithPlans } from "@/lib/catalog/api-query";
import { createPlanSchema, type PatchPlan, type UpdateApi } from "@/lib/catalog/api-schemas";
import { applyStatusChange, lockApi } from "@/lib/catalog/change-api-status";
import { checkApiInput } from "@/lib/catalog/check-api-input";
import { planChanges, planCreateData, planSummary, type FieldDiff } from "@/lib/catalog/plan-data";
import { checkPlanModels, kindProblems } from "@/lib/catalog/ai-fields";
import { invalid } from "@/lib/validation";
import { loadModelIndex, setApiModels, unknownModelErrors, type ModelIndex } from "@/lib/ai/registry/api-models";
import { promptKindProblems } from "@/lib/catalog/prompt-fields";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { checkPromptDefinition, liveDefinition, savePromptVersion } from "@/lib/prompt-apis/save-version";
import { storedPromptDocument } from "@/lib/prompt-apis/prompt-document";

type PlanChange = { slug: string; created?: ReturnType<typeof planSummary>; changed?: FieldDiff };
type Fields = Omit<
  UpdateApi,
  "plans" | "status" | "sunsetAt" | "deprecationMessage" | "upstreamCredential" | "openapi" | "models" | "prompt"
>;

/** Texts too long for the audit log are recorded as changed, not quoted. */
const SUMMARISED = new Set(["description"]);

async function savePlans(tx: Prisma.TransactionClient, apiId: string, plans: PatchPlan[], models?: ModelIndex): Promise<PlanChange[]> {
  const existing = await tx.plan.findMany({ where: { apiId } });
  const bySlug = new Map<string, Plan>(existing.map((plan) => [plan.slug, plan]));
  let sortOrder = existing.length;
  const changes: PlanChange[] = [];
  for (const [index, plan] of plans.entries()) {
    const current = bySlug.get(plan.slug);
    if (current) {
      const { data, diff } = planChanges(current, plan, new Date(), models);
      if (Object.keys(diff).length === 0) continue;
      await tx.plan.update({ where: { id: current.id }, data });
      changes.push({ slug: plan.slug, changed: diff });
      continue;
    }
    // A slug the API does not have yet is a new plan, which needs every field (422 per field).
    const parsed = createPlanSchema.safeParse(plan);
    if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ["plans", index, ...issue.path] })));
    await tx.plan.create({ data: { ...planCreateData(parsed.data, sortOrder++, models), apiId } });
    changes.push({ slug: plan.slug, created: planSummary(parsed.data) });
  }
  return changes;
}

function fieldChanges(
  current: ApiWithPlans,
  fields: Fields,
  secret: { upstreamCredential?: string | null; openapi?: Record<string, unknown> | null },
) {
  const data: Prisma.ApiUpdateInput = {};
  const diff: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields) as [keyof Fields, unknown][]) {
    if (value === undefined || JSON.stringify(value) === JSON.stringify(current[field])) continue;
    Object.assign(data, { [field]: value });
    diff[field] = SUMMARISED.has(field) ? "changed" : { from: current[field], to: value };
  }
  if (secret.upstreamCredential !== undefined) {
    // A new value always counts as a change: the stored one is never decrypted to compare.
    if (secret.upstreamCredential) diff.upstreamCredential = current.upstreamCredentialEncrypted ? "replaced" : "set";
    else if (current.upstreamCredentialEncrypted) diff.upstreamCredential = "cleared";
    data.upstreamCredentialEncrypted = secret.upstreamCredential ? encryptSecret(secret.upstreamCredential) : null;
  }
  if (secret.openapi !== undefined && JSON.stringify(secret.openapi) !== JSON.stringify(current.openapi)) {
    data.openapi = secret.openapi === null ? Prisma.DbNull : (secret.openapi as Prisma.InputJsonValue);
    diff.openapi = secret.openapi === null ? "removed" : current.openapi ? "replaced" : "added";
  }
  return { data, diff };
}

export async function updateApi(slug: string, input: UpdateApi, actor: Actor, requestId?: string): Promise<ApiWithPlans> {
  const { plans, status, upstreamCredential, sunsetAt, deprecationMessage, openapi: given, models, prompt, ...fields } = input;
  const before = await db.api.findUnique({ where: { slug }, select: { upstreamBaseUrl: true, kind: true } });
  if (!before) throw notFound("This API");
  const index = await checkKindFields(before.kind, input);
  // An unchanged upstream is not resolved again (the gateway checks it at every connect anyway).
  const upstreamBaseUrl = fields.upstreamBaseUrl === before.upstreamBaseUrl ? undefined : fields.upstreamBaseUrl;
  const openapi = await checkApiInput({ upstreamBaseUrl, openapi: given });
  const promptModelId = before.kind === "PROMPT" && prompt ? await checkPromptDefinition(prompt) : null;

  const api = await db.$transaction(async (tx) => {
    const locked = await lockApi(tx, slug);
    const current = await tx.api.findUniqueOrThrow({ where: { id: locked.id }, include: includePlans() });
    const { data, diff } = fieldChanges(current, fields, { upstreamCredential, openapi });
    const planDiff = plans ? await savePlans(tx, current.id, plans, index) : [];
    if (index && models) {
      const { added, removed } = await setApiModels(
        tx,
        current.id,
        models.map((publicId) => index.idOf.get(publicId)!),
        index,
      );
      if (added.length || removed.length) diff.models = { added, removed };
    }
    if (index) await checkPlanModels(tx, current.id, index);
    if (current.kind === "PROMPT") await savePrompt(tx, current, { data, diff, fields, prompt, modelId: promptModelId, actor });
    // After the plans: publishing needs an open plan, which this same change may add.
    if (status !== undefined || sunsetAt !== undefined) {
      Object.assign(
        data,
        await applyStatusChange(tx, locked, { status: status ?? locked.status, sunsetAt, deprecationMessage }, { actor, requestId }),
      );
    }
    if (Object.keys(diff).length > 0 || planDiff.length > 0) {
      await recordAudit(
        {
          ...auditActor(actor),
          action: "api.updated",
          targetType: "api",
          targetId: current.id,
          requestId,
          metadata: { slug, changed: diff, plans: planDiff } as Prisma.InputJsonValue,
        },
        tx,
      );
    }
    return tx.api.update({ where: { id: current.id }, data, include: includePlans() });
  });
  invalidate("api", slug);
  if (index) invalidate("ai-model", "*"); // models gained or lost this API
  return api;
}

/**
 * A Prompt API's changed prompt becomes a new version; the generated OpenAPI document follows the
 * prompt and the API's name, summary, description and version.
 */
async function savePrompt(
  tx: Prisma.TransactionClient,
  current: ApiWithPlans,
  change: {
    data: Prisma.ApiUpdateInput;
    diff: Record<string, unknown>;
    fields: Fields;
    prompt?: PromptDefinition;
    modelId: string | null;
    actor: Actor;
  },
): Promise<void> {
  const { data, diff, fields, prompt, modelId, actor } = change;
  const saved = prompt && modelId ? await savePromptVersion(tx, current, prompt, modelId, actorUserId(actor)) : null;
  if (saved?.created) diff.promptVersion = { from: saved.previous, to: saved.version };
  const described = ["name", "summary", "description", "version"].some((field) => field in diff);
  if (!saved?.created && !described) return;
  const definition = saved?.created ? prompt! : await liveDefinition(tx, current.id, current.promptVersion);
  if (definition) {
    const api = {
      slug: current.slug,
      name: current.name,
      summary: current.summary,
      description: current.description,
      version: current.version,
    };
    data.openapi = storedPromptDocument({ ...api, ...definedOnly(fields) }, definition);
  }
}

const definedOnly = (fields: Fields) =>
  Object.fromEntries(
    Object.entries({ name: fields.name, summary: fields.summary, description: fields.description, version: fields.version }).filter(
      ([, value]) => value !== undefined,
    ),
  );

/** An update may only send the fields of the API's kind; an AI API's model ids must exist. */
async function checkKindFields(kind: ApiKind, input: UpdateApi): Promise<ModelIndex | undefined> {
  const errors = promptKindProblems(input, kind === "PROMPT");
  if (kind === "PROMPT") {
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return undefined;
  }
  Object.assign(errors, kindProblems(kind, input));
  if (kind !== "AI") {
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return undefined;
  }
  const index = await loadModelIndex(db);
  Object.assign(errors, unknownModelErrors(index, input.models, "models"));
  input.plans?.forEach((plan, position) =>
    Object.assign(errors, unknownModelErrors(index, plan.allowedModels, `plans.${position}.allowedModels`)),
  );
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return index;
}
