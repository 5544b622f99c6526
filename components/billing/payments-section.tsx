// The billing page's payments block: the team's Stripe payments and receipts. The page must have
// checked membership (loadTeamPage) before passing `teamId`.
import { listPayments } from "@/lib/billing/stripe/list-payments";
import { PaymentList } from "@/components/billing/payment-list";

export async function PaymentsSection({ teamId }: { teamId: string }) {
  return (
    <section className="mt-8">
      <h2 className="mb-3 text-base font-semibold">Payments</h2>
      <PaymentList payments={await listPayments(teamId)} />
    </section>
  );
}
