// What the request log's filter form offers: the APIs the team subscribes to or has used, and
// its keys (revoked ones included, their calls stay in the log). Team-scoped like every query here.
// APIs are chosen by slug, so a filtered log's URL reads `?api=weather`.
import { db } from "@/lib/db";
import { maskApiKey } from "@/lib/keys/key-format";

export type FilterOption = { id: string; label: string };

export async function listLogFilterOptions(teamId: string): Promise<{ apis: FilterOption[]; keys: FilterOption[] }> {
  const [apis, keys] = await Promise.all([
    db.api.findMany({
      where: { OR: [{ subscriptions: { some: { teamId } } }, { usageRollups: { some: { teamId } } }] },
      select: { slug: true, name: true },
      orderBy: [{ name: "asc" }, { slug: "asc" }],
    }),
    db.apiKey.findMany({
      where: { teamId },
      select: { id: true, name: true, prefix: true, lastFour: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  return {
    apis: apis.map((api) => ({ id: api.slug, label: api.name })),
    keys: keys.map((key) => ({ id: key.id, label: `${key.name} (${maskApiKey(key.prefix, key.lastFour)})` })),
  };
}

/** Whether the gateway ever recorded a call for the team (the page's empty state). */
export async function teamHasUsage(teamId: string): Promise<boolean> {
  return (await db.usageEvent.findFirst({ where: { teamId }, select: { id: true } })) !== null;
}
