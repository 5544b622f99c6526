// The top-up area of the billing page: the form for admins and owners when Stripe is configured,
// otherwise a sentence that says why there is no form and what to do instead.
import { Card } from "@/components/ui/card";
import { TopUpForm, type TopUpFormProps } from "@/components/billing/top-up-form";

type Props = { configured: boolean; canTopUp: boolean; form: TopUpFormProps };

export function TopUpCard({ configured, canTopUp, form }: Props) {
  if (!configured) {
    return (
      <Card title="Top up">
        <p className="text-sm text-slate-600" data-testid="top-up-not-configured">
          Top-ups are not configured on this installation: set <code>STRIPE_SECRET_KEY</code> and <code>STRIPE_WEBHOOK_SECRET</code> (and
          point a Stripe webhook at <code>/api/webhooks/stripe</code>). Until then a platform admin can grant credit.
        </p>
      </Card>
    );
  }
  if (!canTopUp) {
    return (
      <Card title="Top up">
        <p className="text-sm text-slate-600">Team admins and owners can top up the credit.</p>
      </Card>
    );
  }
  return (
    <Card title="Top up" description="You pay on Stripe's secure page; the credit appears as soon as Stripe confirms the payment.">
      <TopUpForm {...form} />
    </Card>
  );
}
