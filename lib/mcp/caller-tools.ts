// The tools a caller gets: the built-in ones, then those of every API its team may call now (an
// active subscription to a published or deprecated API) and its key may reach (scopes), or of the
// one API of `/api/mcp/{api}`. Which APIs that is is read on every request, so a new subscription,
// a cancelled one or a retired API shows at once; the tools built from an API's document are cached
// per API and forgotten when the API changes (lib/cache "api", announced to every instance), and the
// row's updatedAt is part of the entry, so a lost announcement cannot keep an old list either.
import { db } from "@/lib/db";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { onInvalidate } from "@/lib/cache/invalidate";
import { listApiModelsOf } from "@/lib/ai/registry/list-api-models";
import { buildApiTools } from "@/lib/mcp/openapi-tools";
import { buildAiChatTool } from "@/lib/mcp/ai-tools";
import { BUILTIN_TOOLS } from "@/lib/mcp/builtin-tools";
import { ToolNames } from "@/lib/mcp/tool-names";
import type { McpCaller } from "@/lib/mcp/resolve-mcp-caller";
import type { Tool, ToolDefinition } from "@/lib/mcp/tool-model";

export type CallableApi = { id: string; slug: string; name: string; summary: string; kind: "REST" | "AI" | "PROMPT"; updatedAt: Date };

/** An API's tools change only when the API does: invalidation forgets them, the TTL only frees memory. */
const TOOLS_TTL_MS = 10 * 60_000;
type CachedTools = { version: number; tools: Tool[] };
const cache = TtlCache.shared<CachedTools>("mcp-api-tools", { ttlMs: TOOLS_TTL_MS, maxEntries: 5_000 });
onInvalidate("api", "mcp-api-tools", (slug) => (slug === null ? cache.clear() : cache.delete(slug)));
// An AI API's chat tool lists its models: any registry change rebuilds them.
onInvalidate("ai-model", "mcp-api-tools", () => cache.clear());

/** The key's scopes: which APIs its calls may reach. */
export const keyReaches =
  ({ key }: McpCaller) =>
  (apiId: string): boolean =>
    key.scopeAllApis || key.scopeApiIds.has(apiId);

/**
 * The APIs a team may call now, in slug order, that `reaches` lets through (a key's scopes); `apiSlug`
 * narrows to one (empty when it is not callable).
 */
export async function listCallableApis(
  teamId: string,
  apiSlug: string | null,
  reaches: (apiId: string) => boolean,
): Promise<CallableApi[]> {
  const subscriptions = await db.subscription.findMany({
    where: {
      teamId,
      status: "ACTIVE",
      api: { status: { in: ["PUBLISHED", "DEPRECATED"] }, ...(apiSlug ? { slug: apiSlug } : {}) },
    },
    select: { api: { select: { id: true, slug: true, name: true, summary: true, kind: true, updatedAt: true } } },
    orderBy: { api: { slug: "asc" } },
  });
  return subscriptions.map(({ api }) => api).filter((api) => reaches(api.id));
}

async function toolsOf(api: CallableApi): Promise<Tool[]> {
  const version = api.updatedAt.getTime();
  const load = async (): Promise<CachedTools> => ({ version, tools: await buildTools(api) });
  let pending = cache.lookup(api.slug, load);
  let entry = pending instanceof Promise ? await pending : pending;
  if (entry.version !== version) {
    cache.delete(api.slug);
    pending = cache.lookup(api.slug, load);
    entry = pending instanceof Promise ? await pending : pending;
  }
  return entry.tools;
}

async function buildTools(api: CallableApi): Promise<Tool[]> {
  if (api.kind === "AI") return [buildAiChatTool(api, (await listApiModelsOf(api.id)) ?? [])];
  // The stored document: an admin's upload, or the one a Prompt API generates (lib/prompt-apis).
  const row = await db.api.findUnique({ where: { id: api.id }, select: { openapi: true } });
  const document = row?.openapi;
  const isDocument = typeof document === "object" && document !== null && !Array.isArray(document);
  return buildApiTools(api, isDocument ? (document as Record<string, unknown>) : null);
}

/** Built-in tools first, then each API's; a name taken twice (two long names cut alike) gets a suffix. */
export async function listCallerTools(caller: McpCaller, apiSlug: string | null): Promise<Tool[]> {
  const apis = await listCallableApis(caller.teamId, apiSlug, keyReaches(caller));
  const perApi = await Promise.all(apis.map(toolsOf));
  const names = new ToolNames(BUILTIN_TOOLS.map((tool) => tool.definition.name));
  const tools: Tool[] = [...BUILTIN_TOOLS];
  for (const tool of perApi.flat()) {
    const name = names.claim(tool.definition.name);
    tools.push(name === tool.definition.name ? tool : { ...tool, definition: { ...tool.definition, name } });
  }
  return tools;
}

/** The portal's MCP page: each API the team may call with its tools (what a key for all APIs gets). */
export async function listTeamTools(teamId: string): Promise<{ api: CallableApi; tools: ToolDefinition[] }[]> {
  const apis = await listCallableApis(teamId, null, () => true);
  const perApi = await Promise.all(apis.map(toolsOf));
  return apis.map((api, index) => ({ api, tools: perApi[index]!.map((tool) => tool.definition) }));
}
