import type { CatalogEntry } from "@/lib/catalog/list-published-apis";
import { currency, formatMoney } from "@/lib/billing/money";
import { Badge } from "@/components/ui/card";

export function ApiCard({ api, footer }: { api: CatalogEntry; footer?: React.ReactNode }) {
  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="api-card">
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">{api.name}</h3>
        {api.status === "DEPRECATED" ? <Badge tone="amber">Deprecated</Badge> : <Badge tone="green">v{api.version}</Badge>}
      </div>
      <p className="mt-2 flex-1 text-sm text-slate-600">{api.summary || "No summary yet."}</p>
      <div className="mt-3 flex flex-wrap gap-1">
        {api.tags.map((tag) => (
          <Badge key={tag}>{tag}</Badge>
        ))}
      </div>
      <p className="mt-3 text-sm text-slate-700">
        {api.priceFrom === null ? "No plans yet" : api.priceFrom === 0n ? "Free plan available" : `From ${formatMoney(api.priceFrom, currency(), 2)} per call`}
      </p>
      {footer ? <div className="mt-4 border-t border-slate-100 pt-3">{footer}</div> : null}
    </article>
  );
}
