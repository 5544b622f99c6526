// The latest grants and adjustments across teams, with author and reason.
import type { CreditGrantRow } from "@/lib/admin/list-credit-grants";
import { formatMoney } from "@/lib/money";
import { KIND_LABELS, utcDateTime } from "@/components/ledger/ledger-labels";
import { TableHead } from "@/components/ledger/table-head";
import { TableScroll } from "@/components/ui/table-scroll";

const cell = "px-3 py-2";
const COLUMNS = [
  { label: "When (UTC)" },
  { label: "Team" },
  { label: "Kind" },
  { label: "Amount", right: true },
  { label: "Reason" },
  { label: "By" },
];

export function CreditGrantsTable({ rows, currency }: { rows: CreditGrantRow[]; currency: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No grants or adjustments yet.</p>;
  return (
    <TableScroll>
      <table className="w-full text-sm" data-testid="credit-grants">
        <TableHead columns={COLUMNS} cell={cell} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="credit-grant">
              <td className={cell}>{utcDateTime.format(row.createdAt)}</td>
              <td className={cell}>
                {row.team.name} <span className="text-slate-500">/{row.team.slug}</span>
              </td>
              <td className={cell}>{KIND_LABELS[row.kind]}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatMoney(row.amount, currency)}</td>
              <td className={`${cell} text-slate-600`}>{row.reason}</td>
              <td className={`${cell} text-slate-600`}>{row.actor ?? "admin token"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
