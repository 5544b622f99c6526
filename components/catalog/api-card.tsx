import Link from "next/link";
import type { CatalogEntry } from "@/lib/catalog/list-published-apis";
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import { Badge } from "@/components/ui/card";
import { LifecycleBadge } from "@/components/catalog/lifecycle";
import { aiPriceFromLabel, priceFromLabel } from "@/components/catalog/price-from";
import { ModelSummaryList } from "@/components/ai/model-summary-list";
import { currency } from "@/lib/money";

type Props = {
  api: CatalogEntry;
  href?: string;
  footer?: React.ReactNode;
  /** an AI API's models: listed on the card with context, capabilities and prices, and its price is per token */
  models?: ApiModelView[];
  /** an anchor to land on (the team catalog's subscribe step) and whether it is the API a link chose */
  id?: string;
  highlighted?: boolean;
};

/** One API in a catalog grid; `href` links its name to the API's page (public APIs only have one). */
export function ApiCard({ api, href, footer, models, id, highlighted = false }: Props) {
  return (
    <article
      id={id}
      className={`flex scroll-mt-24 flex-col rounded-lg border bg-white p-5 shadow-sm ${highlighted ? "border-brand-500 ring-2 ring-brand-200" : "border-slate-200"}`}
      data-testid="api-card"
      data-chosen={highlighted ? "true" : undefined}
    >
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
      {models ? (
        <div className="mt-3 space-y-1.5" data-testid="api-card-models">
          <Badge tone="blue">AI</Badge>
          <ModelSummaryList models={models} currency={currency()} />
        </div>
      ) : null}
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
        {models ? aiPriceFromLabel(models, api.priceFrom) : priceFromLabel(api.priceFrom)}
      </p>
      {footer ? <div className="mt-4 border-t border-slate-100 pt-3">{footer}</div> : null}
    </article>
  );
}
