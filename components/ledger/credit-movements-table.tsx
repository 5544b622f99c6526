// Top-ups, recharges, grants, adjustments and payment refunds, one row each.
import type { CreditMovement } from "@/lib/billing/ledger/list-credit-movements";
import { formatMoney } from "@/lib/money";
import { KIND_LABELS, utcDateTime } from "@/components/ledger/ledger-labels";
import { TableHead } from "@/components/ledger/table-head";
import { TableScroll } from "@/components/ui/table-scroll";

export const LEDGER_TABLE = "w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm";
export const LEDGER_CELL = "px-4 py-2";
const cell = LEDGER_CELL;

const COLUMNS = [
  { label: "When (UTC)" },
  { label: "Kind" },
  { label: "Reason" },
  { label: "By" },
  { label: "Amount", right: true },
  { label: "Balance after", right: true },
];

export function CreditMovementsTable({ rows, currency }: { rows: CreditMovement[]; currency: string }) {
  return (
    <TableScroll>
      <table className={LEDGER_TABLE} data-testid="credit-movements">
        <TableHead columns={COLUMNS} cell={cell} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((entry) => (
            <tr key={entry.id} data-testid="credit-movement">
              <td className={cell}>{utcDateTime.format(entry.createdAt)}</td>
              <td className={cell}>{KIND_LABELS[entry.kind]}</td>
              <td className={`${cell} text-slate-600`}>{entry.reason ?? ""}</td>
              <td className={`${cell} text-slate-600`}>{entry.actor ?? "system"}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatMoney(entry.amount, currency)}</td>
              <td className={`${cell} text-right tabular-nums text-slate-600`}>
                {entry.balanceAfter === null ? "" : formatMoney(entry.balanceAfter, currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
