// Search and tag filter of the public catalog: a plain GET form and links, so they work without
// JavaScript and every filtered view has a URL to share.
import Link from "next/link";
import type { TagCount } from "@/lib/catalog/list-published-apis";
import { buttonClass } from "@/components/ui/button";

function catalogHref(filter: { q?: string; tag?: string }): string {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.tag) params.set("tag", filter.tag);
  const query = params.toString();
  return query ? `/catalog?${query}` : "/catalog";
}

export function CatalogSearch({ q, tag }: { q: string; tag: string }) {
  return (
    <form role="search" action="/catalog" method="get" className="flex flex-wrap items-end gap-2">
      <div className="min-w-60 flex-1">
        <label htmlFor="catalog-q" className="block text-sm font-medium text-slate-700">
          Search APIs
        </label>
        <input
          id="catalog-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          placeholder="Name, description or tag"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
        />
      </div>
      {tag ? <input type="hidden" name="tag" value={tag} /> : null}
      <button type="submit" className={buttonClass("primary")}>
        Search
      </button>
    </form>
  );
}

export function TagFilter({ tags, q, active }: { tags: TagCount[]; q: string; active: string }) {
  if (tags.length === 0) return null;
  const chip = (selected: boolean) =>
    `inline-flex items-center gap-1 rounded-full border px-3 py-1 text-xs font-medium ${
      selected ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
    }`;
  return (
    <nav aria-label="Filter by tag" className="mt-4">
      <ul className="flex flex-wrap gap-2">
        <li>
          <Link href={catalogHref({ q })} className={chip(!active)} aria-current={!active ? "page" : undefined}>
            All tags
          </Link>
        </li>
        {tags.map(({ tag, count }) => {
          const selected = tag.toLowerCase() === active.toLowerCase();
          return (
            <li key={tag}>
              <Link
                href={catalogHref({ q, tag: selected ? undefined : tag })}
                className={chip(selected)}
                aria-current={selected ? "page" : undefined}
              >
                {tag} <span className={selected ? "text-white/80" : "text-slate-500"}>({count})</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
