// Usage over the range per API or per key, busiest first, with a bar for each row's share of calls.
import { formatMoney } from "@/lib/money";
import type { BreakdownRow } from "@/lib/usage/usage-breakdown";
import { deriveStats } from "@/lib/usage/usage-stats";
import { formatCount, formatMs, formatRate } from "@/components/usage/usage-format";
import { TableScroll } from "@/components/ui/table-scroll";

const cell = "py-2 pr-4";

export function BreakdownTable({
  rows,
  currency,
  label,
  testId,
}: {
  rows: BreakdownRow[];
  currency: string;
  label: string;
  testId: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No calls in this range.</p>;
  const most = Math.max(...rows.map((row) => row.stats.requests), 1);
  return (
    <TableScroll>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={`${cell} font-medium`}>
              {label}
            </th>
            <th scope="col" className={`${cell} font-medium`}>
              Calls
            </th>
            <th scope="col" className={`${cell} text-right font-medium`}>
              Errors
            </th>
            <th scope="col" className={`${cell} text-right font-medium`}>
              Spend
            </th>
            <th scope="col" className={`${cell} text-right font-medium`}>
              p95
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const derived = deriveStats(row.stats);
            const share = (row.stats.requests / most) * 100;
            return (
              <tr key={row.id} data-testid={`${testId}-row`}>
                <th scope="row" className={`${cell} font-normal`}>
                  <span className="font-medium text-slate-900">{row.label}</span>
                  {row.detail ? <code className="block text-xs text-slate-500">{row.detail}</code> : null}
                </th>
                <td className={`${cell} min-w-40`}>
                  <span className="tabular-nums">{formatCount(row.stats.requests)}</span>
                  <span className="mt-1 block h-1.5 rounded bg-slate-100" aria-hidden="true">
                    <span className="block h-1.5 rounded bg-brand-500" style={{ width: `${Math.max(share, 1)}%` }} />
                  </span>
                </td>
                <td className={`${cell} text-right tabular-nums`}>{formatRate(derived.errorRate)}</td>
                <td className={`${cell} text-right tabular-nums`}>{formatMoney(derived.spend, currency)}</td>
                <td className={`${cell} text-right tabular-nums`}>{formatMs(derived.p95Ms)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
