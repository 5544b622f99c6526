// Plan input (decimal price strings, model public ids) -> Prisma data (micro-units, model row ids),
// and the audit diff of a change.
import { decimalToMicros } from "@/lib/money";
import { toMoneyString } from "@/lib/billing/money-schemas";
import type { Plan, Prisma } from "@/lib/db";
import type { CreatePlan, PatchPlan } from "@/lib/catalog/api-schemas";
import type { ModelIndex } from "@/lib/ai/registry/api-models";

export type FieldDiff = Record<string, { from: unknown; to: unknown }>;

/** Public ids -> row ids; the ids were checked against the registry before (unknownModelErrors). */
const rowIds = (publicIds: readonly string[], index?: ModelIndex) => publicIds.map((publicId) => index?.idOf.get(publicId) ?? publicId);

export function planCreateData(plan: CreatePlan, sortOrder: number, index?: ModelIndex): Omit<Prisma.PlanCreateManyInput, "apiId"> {
  return {
    slug: plan.slug,
    name: plan.name,
    description: plan.description ?? "",
    pricePerCall: decimalToMicros(plan.price),
    rateLimit: plan.rateLimit,
    rateLimitWindowSec: plan.rateLimitWindowSec,
    maxRequestBytes: plan.maxRequestBytes,
    requiresApproval: plan.requiresApproval,
    chargePolicy: plan.chargePolicy,
    allowedModelIds: rowIds(plan.allowedModels ?? [], index),
    tokensPerMinute: plan.tokensPerMinute ?? null,
    maxOutputTokens: plan.maxOutputTokens ?? null,
    ...(plan.promptPricing ? { promptPricing: plan.promptPricing } : {}),
    sortOrder,
  };
}

/** What the audit log keeps of a new plan: its terms, in the units the admin typed. */
export function planSummary(plan: CreatePlan) {
  return {
    slug: plan.slug,
    price: plan.price,
    rateLimit: plan.rateLimit,
    rateLimitWindowSec: plan.rateLimitWindowSec,
    maxRequestBytes: plan.maxRequestBytes,
    requiresApproval: plan.requiresApproval,
    chargePolicy: plan.chargePolicy ?? "REFUND_ON_UPSTREAM_FAILURE",
    ...(plan.allowedModels?.length ? { allowedModels: plan.allowedModels } : {}),
    ...(plan.tokensPerMinute ? { tokensPerMinute: plan.tokensPerMinute } : {}),
    ...(plan.maxOutputTokens ? { maxOutputTokens: plan.maxOutputTokens } : {}),
    ...(plan.promptPricing ? { promptPricing: plan.promptPricing } : {}),
  };
}

const PLAIN_FIELDS = [
  "name",
  "description",
  "rateLimit",
  "rateLimitWindowSec",
  "maxRequestBytes",
  "requiresApproval",
  "chargePolicy",
  "tokensPerMinute",
  "maxOutputTokens",
  "promptPricing",
] as const;

/**
 * Only the fields that differ from the stored plan: saving an unchanged form writes nothing, and an
 * archived plan keeps the date it was archived on.
 */
export function planChanges(
  current: Plan,
  patch: PatchPlan,
  now = new Date(),
  index?: ModelIndex,
): { data: Prisma.PlanUpdateInput; diff: FieldDiff } {
  const data: Prisma.PlanUpdateInput = {};
  const diff: FieldDiff = {};
  for (const field of PLAIN_FIELDS) {
    const value = patch[field];
    if (value === undefined || value === current[field]) continue;
    Object.assign(data, { [field]: value });
    diff[field] = { from: current[field], to: value };
  }
  if (patch.price !== undefined) {
    const micros = decimalToMicros(patch.price);
    if (micros !== current.pricePerCall) {
      data.pricePerCall = micros;
      diff.price = { from: toMoneyString(current.pricePerCall), to: toMoneyString(micros) };
    }
  }
  if (patch.allowedModels !== undefined) {
    const ids = rowIds(patch.allowedModels, index);
    if (JSON.stringify([...ids].sort()) !== JSON.stringify([...current.allowedModelIds].sort())) {
      data.allowedModelIds = ids;
      const names = (list: readonly string[]) => list.map((id) => index?.publicIdOf.get(id) ?? id);
      diff.allowedModels = { from: names(current.allowedModelIds), to: patch.allowedModels };
    }
  }
  if (patch.archived !== undefined && patch.archived !== (current.archivedAt !== null)) {
    data.archivedAt = patch.archived ? now : null;
    diff.archived = { from: !patch.archived, to: patch.archived };
  }
  return { data, diff };
}
