// Stripe payments for credit across all teams, one page of them.
import type { PaymentRow } from "@/lib/admin/list-all-payments";
import { formatMoney } from "@/lib/money";
import { Badge } from "@/components/ui/card";
import { TableHead } from "@/components/ledger/table-head";
import { utcDateTime } from "@/components/ledger/ledger-labels";
import { TableScroll } from "@/components/ui/table-scroll";

const cell = "px-3 py-2";
const COLUMNS = [
  { label: "When (UTC)" },
  { label: "Team" },
  { label: "Kind" },
  { label: "Status" },
  { label: "Amount", right: true },
  { label: "Refunded", right: true },
  { label: "Receipt" },
];

const STATUS_TONE: Record<PaymentRow["status"], "slate" | "green" | "amber" | "red"> = {
  PENDING: "slate",
  PAID: "green",
  FAILED: "red",
  EXPIRED: "slate",
  REFUNDED: "amber",
  PARTIALLY_REFUNDED: "amber",
};

export function PaymentsTable({ rows }: { rows: PaymentRow[] }) {
  return (
    <TableScroll>
      <table className="w-full text-sm" data-testid="payments">
        <TableHead columns={COLUMNS} cell={cell} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="payment-row">
              <td className={cell}>{utcDateTime.format(row.createdAt)}</td>
              <td className={cell}>
                {row.team.name} <span className="text-slate-500">/{row.team.slug}</span>
              </td>
              <td className={cell}>{row.kind === "CHECKOUT" ? "Top-up" : "Auto-recharge"}</td>
              <td className={cell}>
                <Badge tone={STATUS_TONE[row.status]}>{row.status.toLowerCase().replace("_", " ")}</Badge>
              </td>
              <td className={`${cell} text-right tabular-nums`}>{formatMoney(row.amount, row.currency)}</td>
              <td className={`${cell} text-right tabular-nums`}>
                {row.amountRefunded > 0n ? formatMoney(row.amountRefunded, row.currency) : ""}
              </td>
              <td className={cell}>
                {row.receiptUrl ? (
                  <a href={row.receiptUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
                    Receipt<span className="sr-only"> for {row.team.name}</span>
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
