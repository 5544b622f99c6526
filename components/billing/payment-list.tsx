// The team's Stripe payments with their receipts. Refunds show next to the amount they reduce.
import type { PaymentView } from "@/lib/billing/stripe/list-payments";
import { formatMoney } from "@/lib/money";
import { EmptyState } from "@/components/ui/card";
import { PaymentStatusBadge } from "@/components/billing/payment-status-badge";
import { ReceiptLink } from "@/components/billing/receipt-link";
import { TableScroll } from "@/components/ui/table-scroll";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function PaymentList({ payments }: { payments: PaymentView[] }) {
  if (payments.length === 0) return <EmptyState title="No payments yet" />;
  return (
    <TableScroll>
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="payments">
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">Date</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2 text-right">Amount</th>
            <th className="px-4 py-2">Receipt</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {payments.map((payment) => (
            <tr key={payment.id}>
              <td className="px-4 py-2">{dateFormat.format(payment.createdAt)}</td>
              <td className="px-4 py-2">
                <PaymentStatusBadge status={payment.status} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums">
                {formatMoney(payment.amount, payment.currency)}
                {payment.amountRefunded > 0n ? (
                  <span className="block text-xs text-slate-500">{formatMoney(payment.amountRefunded, payment.currency)} refunded</span>
                ) : null}
              </td>
              <td className="px-4 py-2">
                {payment.receiptUrl ? (
                  <ReceiptLink href={payment.receiptUrl} context={`for ${formatMoney(payment.amount, payment.currency)}`} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
