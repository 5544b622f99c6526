// Where Stripe Checkout returns when the customer backs out. Nothing was charged; the PENDING
// Payment stays until Stripe expires the session.
import type { Metadata } from "next";
import Link from "next/link";
import { loadTeamPage } from "@/lib/auth/team-page";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Top-up cancelled" };

export default async function TopUpCancelledPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  return (
    <>
      <PageHeader title="Top-up" />
      <Card title="Top-up cancelled">
        <p className="text-sm text-slate-600">You left the payment page before paying. Nothing was charged and the credit is unchanged.</p>
        <p className="mt-4 text-sm">
          <Link href={`/${ctx.team.slug}/billing`} className="text-brand-700 underline">
            Back to billing
          </Link>
        </p>
      </Card>
    </>
  );
}
