// Revenue per day with a small bar per row. Bar widths are CSS percentages of the best day, computed
// on BigInt micro-units (no chart library, no floats for money).
import type { RevenueDay } from "@/lib/admin/revenue-by-day";
import { formatMoney } from "@/lib/money";
import { TableHead } from "@/components/ledger/table-head";
import { TableScroll } from "@/components/ui/table-scroll";

const cell = "px-3 py-1.5";
const COLUMNS = [
  { label: "Day (UTC)" },
  { label: "Top-ups", right: true },
  { label: "Refunds", right: true },
  { label: "Net", right: true },
  { label: <span className="sr-only">Share of the best day</span>, className: "w-1/3" },
];

/** Width of `net` as a whole percentage of `max`; 0 for days that lost money or earned nothing. */
export function barPercent(net: bigint, max: bigint): number {
  if (net <= 0n || max <= 0n) return 0;
  return Number((net * 100n) / max);
}

export function RevenueTable({ days, currency }: { days: RevenueDay[]; currency: string }) {
  const max = days.reduce((best, day) => (day.net > best ? day.net : best), 0n);
  const total = days.reduce((sum, day) => sum + day.net, 0n);
  return (
    <TableScroll>
      <table className="w-full text-sm" data-testid="revenue">
        <caption className="pb-2 text-left text-sm text-slate-600">
          Net over these {days.length} days: <span className="font-medium tabular-nums text-slate-900">{formatMoney(total, currency)}</span>
        </caption>
        <TableHead columns={COLUMNS} cell={cell} />
        <tbody className="divide-y divide-slate-100">
          {days.map((day) => (
            <tr key={day.day}>
              <td className={`${cell} whitespace-nowrap tabular-nums`}>{day.day}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatMoney(day.topUps, currency)}</td>
              <td className={`${cell} text-right tabular-nums`}>{day.refunds > 0n ? formatMoney(day.refunds, currency) : ""}</td>
              <td className={`${cell} text-right tabular-nums ${day.net < 0n ? "text-red-700" : ""}`}>{formatMoney(day.net, currency)}</td>
              <td className={cell} aria-hidden="true">
                <div className="h-2 rounded bg-brand-600" style={{ width: `${barPercent(day.net, max)}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
