// The range's totals at a glance.
import { formatMoney } from "@/lib/money";
import { deriveStats, type UsageStats } from "@/lib/usage/usage-stats";
import { countOf, formatCount, formatMs, formatRate } from "@/components/usage/usage-format";

export function SummaryTiles({ totals, currency }: { totals: UsageStats; currency: string }) {
  const derived = deriveStats(totals);
  const tiles = [
    { id: "requests", label: "Calls", value: formatCount(totals.requests) },
    {
      id: "spend",
      label: "Spend",
      value: formatMoney(derived.spend, currency),
      note: derived.spend !== totals.charged ? `${formatMoney(totals.refunded, currency)} refunded` : undefined,
    },
    {
      id: "error-rate",
      label: "Error rate",
      value: formatRate(derived.errorRate),
      note: `${countOf(totals.errors, "call")} with status ≥ 400`,
    },
    { id: "p50", label: "Latency p50", value: formatMs(derived.p50Ms), note: "estimated" },
    { id: "p95", label: "Latency p95", value: formatMs(derived.p95Ms), note: "estimated" },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {tiles.map((tile) => (
        <div key={tile.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid={`tile-${tile.id}`}>
          <dt className="text-xs uppercase tracking-wide text-slate-500">{tile.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{tile.value}</dd>
          {tile.note ? <dd className="text-xs text-slate-500">{tile.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
