// /docs/stripe - "Stripe test mode in minutes" from the README, which the billing page links to for
// platform admins while card top-ups are not configured.
import type { Metadata } from "next";
import { isStripeConfigured } from "@/lib/billing/stripe/stripe-client";
import { readStripeTestModeGuide } from "@/lib/billing/stripe/test-mode-guide";
import { Card, PageHeader } from "@/components/ui/card";
import { Markdown } from "@/components/markdown/markdown";

export const metadata: Metadata = { title: "Stripe test mode in minutes" };
export const dynamic = "force-dynamic";

export default async function StripeGuidePage() {
  const guide = await readStripeTestModeGuide();
  return (
    <>
      <PageHeader
        title="Stripe test mode in minutes"
        description={
          isStripeConfigured()
            ? "Stripe is configured on this installation: teams top up by card on their billing page."
            : "Card top-ups are not configured on this installation yet. From the README:"
        }
      />
      <Card>
        <div className="text-sm text-slate-700" data-testid="stripe-guide">
          {guide ? <Markdown>{guide}</Markdown> : <p>See the section “Stripe test mode in minutes” in the README of this installation.</p>}
        </div>
      </Card>
    </>
  );
}
