// APIs a key can be limited to, for the create form (the team's active subscriptions), and the
// names of APIs already named in keys' scopes, for display.
import { db } from "@/lib/db";

export type ScopeApi = { id: string; name: string; slug: string };

export async function listSubscribedApis(teamId: string): Promise<ScopeApi[]> {
  const subscriptions = await db.subscription.findMany({
    where: { teamId, status: "ACTIVE" },
    select: { api: { select: { id: true, name: true, slug: true } } },
    orderBy: { api: { name: "asc" } },
  });
  return subscriptions.map((subscription) => subscription.api);
}

export async function apiNamesById(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const apis = await db.api.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(apis.map((api) => [api.id, api.name]));
}
