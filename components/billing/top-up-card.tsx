// The top-up area of the billing page: the form for admins and owners when Stripe is configured;
// otherwise how to get credit anyway (ask the platform admins, with a request they can grant from
// /admin), and, for platform admins, where the README shows how to turn Stripe on in minutes.
import Link from "next/link";
import type { ActionState } from "@/lib/auth/action";
import { Card } from "@/components/ui/card";
import { TopUpForm, type TopUpFormProps } from "@/components/billing/top-up-form";
import { RequestCreditForm } from "@/components/billing/request-credit-form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = {
  configured: boolean;
  canTopUp: boolean;
  form: TopUpFormProps;
  /** without Stripe: the request form, and whether the viewer is a platform admin (who can set Stripe up) */
  request: { action: Action; maxAmount: string; viewerIsPlatformAdmin: boolean };
};

export function TopUpCard({ configured, canTopUp, form, request }: Props) {
  if (!configured) {
    return (
      <Card title="Get credit">
        <div data-testid="top-up-not-configured">
          <p className="text-sm text-slate-600">
            Card top-ups are not set up on this installation, so credit comes from a platform admin. Ask for it here: every platform admin
            gets your request with the amount and your note, and the credit shows on this page as soon as one of them grants it.
          </p>
          <RequestCreditForm action={request.action} team={form.team} currency={form.currency} maxAmount={request.maxAmount} />
          {request.viewerIsPlatformAdmin ? (
            <p className="mt-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="stripe-setup-link">
              You are a platform admin: turn on card top-ups with Stripe, in test mode first.{" "}
              <Link href="/docs/stripe" className="font-medium underline">
                Stripe in minutes (README)
              </Link>
            </p>
          ) : null}
        </div>
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
