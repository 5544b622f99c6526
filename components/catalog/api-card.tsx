import Link from "next/link";
import type { CatalogEntry } from "@/lib/catalog/list-published-apis";
import { Badge } from "@/components/ui/card";
import { LifecycleBadge } from "@/components/catalog/lifecycle";
import { priceFromLabel } from "@/components/catalog/price-from";

/** One API in a catalog grid; `href` links its name to the API's page (public APIs only have one). */
export function ApiCard({ api, href, footer }: { api: CatalogEntry; href?: string; footer?: React.ReactNode }) {
  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="api-card">
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">
          {href ? (
            <Link href={href} className="text-slate-900 hover:text-brand-700 hover:underline focus-visible:underline">
              {api.name}
            </Link>
          ) : (
            api.name
          )}
        </h3>
        <LifecycleBadge status={api.status} version={api.version} sunsetAt={api.sunsetAt} />
      </div>
      <p className="mt-2 flex-1 text-sm text-slate-600">{api.summary || "No summary yet."}</p>
      {api.tags.length ? (
        <ul className="mt-3 flex flex-wrap gap-1" aria-label="Tags">
          {api.tags.map((tag) => (
            <li key={tag}>
              <Badge>{tag}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-3 text-sm font-medium text-slate-800" data-testid="price-from">
        {priceFromLabel(api.priceFrom)}
      </p>
      {footer ? <div className="mt-4 border-t border-slate-100 pt-3">{footer}</div> : null}
    </article>
  );
}
