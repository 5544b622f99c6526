// Moving an API through its lifecycle (lib/catalog/api-status.ts has the allowed moves): publish,
// deprecate with an announced sunset, undo a deprecation, retire. Each move sets its timestamp,
// writes its own audit entry (api.published, api.deprecated, api.undeprecated, api.retired) and
// drops the gateway's cached copy, so the next call already carries Deprecation/Sunset or gets 410.
import { z } from "zod";
import { db, type ApiKind, type ApiStatus, type Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { includePlans, type ApiWithPlans } from "@/lib/catalog/api-query";
import { statusTransition } from "@/lib/catalog/api-status";
import { checkAiApiHasUsableModel } from "@/lib/catalog/ai-fields";
import { invalid, validateInput } from "@/lib/validation";

const API_STATUSES = ["DRAFT", "PUBLISHED", "DEPRECATED", "RETIRED"] as const satisfies readonly ApiStatus[];

const changeApiStatusSchema = z.object({
  status: z.enum(API_STATUSES, { error: "Choose a status." }),
  sunsetAt: z.iso.datetime({ offset: true, error: "Use a date and time, e.g. 2027-06-30T00:00:00Z." }).nullable().optional(),
  deprecationMessage: z.string().trim().max(500, "Keep the note under 500 characters.").optional(),
});
type ChangeApiStatus = z.output<typeof changeApiStatusSchema>;

const AUDIT_ACTION: Record<ApiStatus, string> = {
  DRAFT: "api.unpublished",
  PUBLISHED: "api.published",
  DEPRECATED: "api.deprecated",
  RETIRED: "api.retired",
};

/** The statuses an API in `from` may move to, in lifecycle order (for the admin's buttons). */

/** The earliest sunset the lifecycle form offers ('YYYY-MM-DD', tomorrow in UTC); the server only needs it in the future. */
export function earliestSunsetDay(now = new Date()): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

type Locked = { id: string; slug: string; kind: ApiKind; status: ApiStatus; sunsetAt: Date | null };

/** Locks the API row: concurrent status changes apply one after the other, each checked. */
export async function lockApi(tx: Prisma.TransactionClient, slug: string): Promise<Locked> {
  const [row] = await tx.$queryRaw<Locked[]>`SELECT id, slug, kind, status, "sunsetAt" FROM apis WHERE slug = ${slug} FOR UPDATE`;
  if (!row) throw notFound("This API");
  return row;
}

/**
 * The column changes and audit entry for a status change of a locked API, inside the caller's
 * transaction (updateApi applies it together with other edits). Throws 409 for a move the lifecycle
 * refuses and 422 for a sunset date that is not in the future or given without a deprecation.
 */
export async function applyStatusChange(
  tx: Prisma.TransactionClient,
  current: Locked,
  change: ChangeApiStatus,
  audit: { actor: Actor; requestId?: string },
  now = new Date(),
): Promise<Prisma.ApiUpdateInput> {
  const sunsetAt = change.sunsetAt === undefined || change.sunsetAt === null ? change.sunsetAt : new Date(change.sunsetAt);
  const deprecating = change.status === "DEPRECATED";
  if (sunsetAt && sunsetAt.getTime() <= now.getTime()) throw invalid({ sunsetAt: "Choose a sunset date in the future." });
  if (sunsetAt !== undefined && !deprecating) throw invalid({ sunsetAt: "A sunset date applies only to a deprecated API." });

  if (change.status === current.status) {
    // Only the announced sunset of a deprecated API can change without a move.
    if (!deprecating || sunsetAt === undefined || sameInstant(sunsetAt, current.sunsetAt)) return {};
    await recordAudit(
      {
        ...auditActor(audit.actor),
        action: "api.sunset_changed",
        targetType: "api",
        targetId: current.id,
        requestId: audit.requestId,
        metadata: { slug: current.slug, sunsetAt: { from: iso(current.sunsetAt), to: iso(sunsetAt) } },
      },
      tx,
    );
    return { sunsetAt };
  }
  const data: Prisma.ApiUpdateInput = {
    ...statusTransition(current.status, change.status, now),
    ...(deprecating ? { sunsetAt: sunsetAt ?? null } : {}),
  };
  if (change.status === "PUBLISHED" && current.status === "DRAFT") {
    const openPlans = await tx.plan.count({ where: { apiId: current.id, archivedAt: null } });
    if (openPlans === 0) throw invalid({ status: "Add a plan that is not archived before publishing: nobody could subscribe." });
  }
  if (change.status === "PUBLISHED" && current.kind === "AI") await checkAiApiHasUsableModel(tx, current.id);
  await recordAudit(
    {
      ...auditActor(audit.actor),
      action: current.status === "DEPRECATED" && change.status === "PUBLISHED" ? "api.undeprecated" : AUDIT_ACTION[change.status],
      targetType: "api",
      targetId: current.id,
      requestId: audit.requestId,
      metadata: {
        slug: current.slug,
        status: { from: current.status, to: change.status },
        ...(deprecating ? { sunsetAt: iso(sunsetAt ?? null), message: change.deprecationMessage || null } : {}),
      },
    },
    tx,
  );
  return data;
}

/** One lifecycle move on its own (the admin console's lifecycle panel). */
export async function changeApiStatus(slug: string, input: unknown, actor: Actor, requestId?: string): Promise<ApiWithPlans> {
  const change = validateInput(changeApiStatusSchema, input);
  const api = await db.$transaction(async (tx) => {
    const current = await lockApi(tx, slug);
    const data = await applyStatusChange(tx, current, change, { actor, requestId });
    return tx.api.update({ where: { id: current.id }, data, include: includePlans() });
  });
  invalidate("api", slug);
  return api;
}

/** The note given with the latest deprecation (kept in its audit entry), for the admin console. */
export async function latestDeprecationNote(apiId: string): Promise<string | null> {
  const entry = await db.auditLog.findFirst({
    where: { targetType: "api", targetId: apiId, action: "api.deprecated" },
    orderBy: { createdAt: "desc" },
    select: { metadata: true },
  });
  const message = (entry?.metadata as { message?: unknown } | null)?.message;
  return typeof message === "string" && message ? message : null;
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
