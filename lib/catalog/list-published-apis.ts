// The public catalog: published and deprecated public APIs (retired ones and drafts never appear),
// searched and filtered in memory. The catalog is small (tens of APIs), so one query and a filter
// beat a case-insensitive search over an array column in SQL.
import { db, type ApiStatus } from "@/lib/db";
import { visibleApisWhere, visiblePlansWhere, type CatalogViewer } from "@/lib/catalog/api-visibility";

export type CatalogEntry = {
  id: string;
  slug: string;
  name: string;
  summary: string;
  tags: string[];
  status: ApiStatus;
  version: string;
  /** lowest per-call price of the plans open for subscription, micro-units; null when there are none */
  priceFrom: bigint | null;
  /** announced end of life of a deprecated API */
  sunsetAt?: Date | null;
};

type CatalogFilter = { q?: string; tag?: string };

export type TagCount = { tag: string; count: number };

type CatalogListing = {
  entries: CatalogEntry[];
  /** tags of the APIs that match the search (before the tag filter), with how many carry each */
  tags: TagCount[];
  /** how many APIs the viewer may see at all, so "nothing published" differs from "no match" */
  total: number;
};

const PUBLIC: CatalogViewer = { kind: "public" };

async function loadCatalog(viewer: CatalogViewer) {
  const apis = await db.api.findMany({
    where: visibleApisWhere(viewer),
    select: {
      id: true,
      slug: true,
      name: true,
      summary: true,
      description: true,
      tags: true,
      status: true,
      version: true,
      sunsetAt: true,
      plans: { where: visiblePlansWhere(viewer), select: { pricePerCall: true }, orderBy: { pricePerCall: "asc" }, take: 1 },
    },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
  });
  return apis.map(({ plans, ...api }) => ({ ...api, priceFrom: plans.length ? plans[0]!.pricePerCall : null }));
}

type Loaded = Awaited<ReturnType<typeof loadCatalog>>[number];

function matchesSearch(api: Loaded, q: string): boolean {
  const needle = q.toLowerCase();
  return [api.name, api.summary, api.description, ...api.tags].some((text) => text.toLowerCase().includes(needle));
}

function countTags(apis: Loaded[]): TagCount[] {
  const counts = new Map<string, number>();
  for (const api of apis) for (const tag of new Set(api.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** The catalog a signed-out visitor sees, matching `q` (name, summary, description, tags) and `tag`. */
export async function listPublishedApis(filter: CatalogFilter = {}): Promise<CatalogListing> {
  const all = await loadCatalog(PUBLIC);
  const q = filter.q?.trim() ?? "";
  const searched = q ? all.filter((api) => matchesSearch(api, q)) : all;
  const tag = filter.tag?.trim().toLowerCase() ?? "";
  const tagged = tag ? searched.filter((api) => api.tags.some((candidate) => candidate.toLowerCase() === tag)) : searched;
  return {
    // The description can be long Markdown: it is searched here but never sent to the cards.
    entries: tagged.map(({ description: _description, ...entry }) => entry),
    tags: countTags(searched),
    total: all.length,
  };
}
