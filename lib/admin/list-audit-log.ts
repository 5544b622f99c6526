// The platform audit log, newest first, 50 a page with a keyset cursor (createdAt, id): a page
// never repeats or skips a row when new entries arrive meanwhile, and each filter walks one of the
// log's indexes ((createdAt), (teamId, createdAt), (action, createdAt), (actorUserId, createdAt)).
import { db, type ActorType, type Prisma } from "@/lib/db";
import type { AuditFilters } from "@/lib/admin/audit-filters";

const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  createdAt: Date;
  action: string;
  actorType: ActorType;
  /** email for a user, "API key tg_…1234" for a key, else null (admin token, system) */
  actorLabel: string | null;
  team: { slug: string; name: string } | null;
  targetType: string | null;
  targetId: string | null;
  /** a readable name for the target (email, slug, API or key name…), when it still exists */
  targetLabel: string | null;
  requestId: string | null;
  ip: string | null;
  metadata: Prisma.JsonValue;
};

type AuditPage = { rows: AuditRow[]; nextCursor: string | null; unknown?: "actor" | "team" };

/** Opaque to the page: base64url of "<ISO time>|<id>". Anything else reads as "first page". */
export function decodeCursor(value: string | undefined): { createdAt: Date; id: string } | null {
  if (!value || value.length > 200) return null;
  const [time, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

const encodeCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");

export async function listAuditLog(filters: AuditFilters, options: { cursor?: string; take?: number } = {}): Promise<AuditPage> {
  const take = options.take ?? AUDIT_PAGE_SIZE;
  const where: Prisma.AuditLogWhereInput[] = [];
  if (filters.actorEmail) {
    const actor = await db.user.findUnique({ where: { email: filters.actorEmail }, select: { id: true } });
    if (!actor) return { rows: [], nextCursor: null, unknown: "actor" };
    where.push({ actorUserId: actor.id });
  }
  if (filters.teamSlug) {
    const team = await db.team.findUnique({ where: { slug: filters.teamSlug }, select: { id: true } });
    if (!team) return { rows: [], nextCursor: null, unknown: "team" };
    where.push({ teamId: team.id });
  }
  if (filters.action) where.push({ OR: [{ action: filters.action }, { action: { startsWith: `${filters.action}.` } }] });
  if (filters.targetType) where.push({ targetType: filters.targetType });
  if (filters.targetId) where.push({ targetId: filters.targetId });
  if (filters.from) where.push({ createdAt: { gte: filters.from } });
  if (filters.before) where.push({ createdAt: { lt: filters.before } });
  const cursor = decodeCursor(options.cursor);
  if (cursor) where.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });

  const entries = await db.auditLog.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: {
      id: true,
      createdAt: true,
      action: true,
      actorType: true,
      actorKeyId: true,
      targetType: true,
      targetId: true,
      requestId: true,
      ip: true,
      metadata: true,
      actor: { select: { email: true } },
      team: { select: { slug: true, name: true } },
    },
  });
  const page = entries.slice(0, take);
  const [keys, targets] = await Promise.all([keyLabels(page.map((entry) => entry.actorKeyId)), targetLabels(page)]);
  const rows = page.map(({ actor, actorKeyId, ...entry }) => ({
    ...entry,
    targetLabel: (entry.targetId && targets.get(`${entry.targetType}:${entry.targetId}`)) || null,
    actorLabel:
      entry.actorType === "USER"
        ? (actor?.email ?? "deleted user")
        : entry.actorType === "API_KEY"
          ? `API key ${(actorKeyId && keys.get(actorKeyId)) || "(deleted)"}`
          : null,
  }));
  return { rows, nextCursor: entries.length > take ? encodeCursor(page[page.length - 1]!) : null };
}

/** Keys are shown as the team sees them: prefix and last four characters, never more. */
async function keyLabels(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const keys = await db.apiKey.findMany({ where: { id: { in: wanted } }, select: { id: true, prefix: true, lastFour: true } });
  return new Map(keys.map((key) => [key.id, `${key.prefix}…${key.lastFour}`]));
}

type Labels = Promise<(readonly [string, string])[]>;
const byId = { id: true } as const;

/**
 * A readable name for each kind of target, so the log shows who and what beside the ids: emails for
 * people, slugs and names for teams and APIs, a key as its team sees it (name, prefix…last four).
 */
const TARGET_LABELS: Record<string, (ids: string[]) => Labels> = {
  user: async (ids) =>
    (await db.user.findMany({ where: { id: { in: ids } }, select: { ...byId, email: true } })).map((u) => [u.id, u.email]),
  team: async (ids) =>
    (await db.team.findMany({ where: { id: { in: ids } }, select: { ...byId, slug: true } })).map((t) => [t.id, `/${t.slug}`]),
  api: async (ids) =>
    (await db.api.findMany({ where: { id: { in: ids } }, select: { ...byId, name: true, slug: true } })).map((a) => [
      a.id,
      `${a.name} (${a.slug})`,
    ]),
  api_key: async (ids) =>
    (await db.apiKey.findMany({ where: { id: { in: ids } }, select: { ...byId, name: true, prefix: true, lastFour: true } })).map((k) => [
      k.id,
      `${k.name} (${k.prefix}…${k.lastFour})`,
    ]),
  subscription: async (ids) =>
    (
      await db.subscription.findMany({
        where: { id: { in: ids } },
        select: { ...byId, api: { select: { name: true } }, plan: { select: { name: true } } },
      })
    ).map((s) => [s.id, `${s.api.name} · ${s.plan.name}`]),
  membership: async (ids) =>
    (await db.membership.findMany({ where: { id: { in: ids } }, select: { ...byId, user: { select: { email: true } } } })).map((m) => [
      m.id,
      m.user.email,
    ]),
  invitation: async (ids) =>
    (await db.invitation.findMany({ where: { id: { in: ids } }, select: { ...byId, email: true } })).map((i) => [i.id, i.email]),
  ai_model: async (ids) =>
    (await db.aiModel.findMany({ where: { id: { in: ids } }, select: { ...byId, publicId: true } })).map((m) => [m.id, m.publicId]),
  ai_provider: async (ids) =>
    (await db.aiProvider.findMany({ where: { id: { in: ids } }, select: { ...byId, name: true } })).map((p) => [p.id, p.name]),
};

/** Names of the page's targets that still exist, keyed "type:id": one query per kind present. */
async function targetLabels(entries: { targetType: string | null; targetId: string | null }[]): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<string>>();
  for (const { targetType, targetId } of entries)
    if (targetType && targetId && TARGET_LABELS[targetType]) wanted.set(targetType, (wanted.get(targetType) ?? new Set()).add(targetId));
  const found = await Promise.all(
    [...wanted].map(async ([type, ids]) => (await TARGET_LABELS[type]!([...ids])).map(([id, label]) => [`${type}:${id}`, label] as const)),
  );
  return new Map(found.flat());
}
