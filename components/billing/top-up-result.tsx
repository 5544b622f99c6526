// What the success page says about one Checkout payment, by its status.
import type { PaymentView } from "@/lib/billing/stripe/list-payments";
import { formatMoney } from "@/lib/money";
import { Card } from "@/components/ui/card";
import { ReceiptLink } from "@/components/billing/receipt-link";
import { RefreshWhilePending } from "@/components/billing/refresh-while-pending";

export function TopUpResult({ payment, balance }: { payment: PaymentView; balance: string }) {
  const amount = formatMoney(payment.amount, payment.currency);
  if (payment.status === "PENDING") {
    return (
      <Card title="Confirming your payment…">
        <p className="text-sm text-slate-600" role="status">
          Stripe has your payment of {amount}; the credit appears here as soon as Stripe confirms it. Some payment methods take a few days.
        </p>
        <RefreshWhilePending />
      </Card>
    );
  }
  if (payment.status === "FAILED" || payment.status === "EXPIRED") {
    return (
      <Card title="Payment not completed">
        <p className="text-sm text-slate-600">The payment of {amount} did not go through, and no credit was added.</p>
      </Card>
    );
  }
  return (
    <Card title="Payment received">
      <p className="text-sm text-slate-700" data-testid="credited">
        {amount} was added to the team&apos;s credit. Balance now:{" "}
        <span className="font-semibold tabular-nums" data-testid="balance">
          {balance}
        </span>
      </p>
      {payment.receiptUrl ? (
        <p className="mt-2 text-sm">
          <ReceiptLink href={payment.receiptUrl} label="View the receipt" />
        </p>
      ) : null}
    </Card>
  );
}
