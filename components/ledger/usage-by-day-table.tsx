// Usage summarised per UTC day and API: calls charged, charges, refunds and the net effect.
import type { UsageDay } from "@/lib/billing/ledger/list-usage-by-day";
import { formatMoney } from "@/lib/money";
import { TableHead } from "@/components/ledger/table-head";
import { LEDGER_CELL as cell, LEDGER_TABLE } from "@/components/ledger/credit-movements-table";
import { TableScroll } from "@/components/ui/table-scroll";

const COLUMNS = [
  { label: "Day (UTC)" },
  { label: "API" },
  { label: "Calls charged", right: true },
  { label: "Charged", right: true },
  { label: "Refunded", right: true },
  { label: "Net", right: true },
];

export function UsageByDayTable({ rows, currency }: { rows: UsageDay[]; currency: string }) {
  const money = (micros: bigint) => formatMoney(micros, currency);
  return (
    <TableScroll>
      <table className={LEDGER_TABLE} data-testid="usage-by-day">
        <TableHead columns={COLUMNS} cell={cell} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={`${row.day}:${row.apiId ?? ""}`}>
              <td className={cell}>{row.day}</td>
              <td className={cell}>{row.apiName ?? <span className="text-slate-500">deleted API</span>}</td>
              <td className={`${cell} text-right tabular-nums`}>{row.calls.toLocaleString("en")}</td>
              <td className={`${cell} text-right tabular-nums`}>{money(row.charged)}</td>
              <td className={`${cell} text-right tabular-nums`}>{money(row.refunded)}</td>
              <td className={`${cell} text-right tabular-nums`}>{money(row.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
