// Where Stripe Checkout returns after payment. The credit is added by the webhook, not by this
// page: it only reads the team's Payment for the session and waits for the webhook if needed.
import type { Metadata } from "next";
import Link from "next/link";
import { loadTeamPage } from "@/lib/auth/team-page";
import { getBalance } from "@/lib/billing/get-balance";
import { formatMoney } from "@/lib/money";
import { findPaymentBySession } from "@/lib/billing/stripe/list-payments";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { TopUpResult } from "@/components/billing/top-up-result";

export const metadata: Metadata = { title: "Top-up" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ session_id?: string | string[] }> };

export default async function TopUpSuccessPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { session_id: sessionId } = await searchParams;
  const { ctx } = await loadTeamPage(slug);
  const payment = typeof sessionId === "string" && sessionId.length < 300 ? await findPaymentBySession(ctx.team.id, sessionId) : null;
  const { balance, currency } = await getBalance(ctx.team.id);
  return (
    <>
      <PageHeader title="Top-up" />
      {payment ? (
        <TopUpResult payment={payment} balance={formatMoney(balance, currency)} />
      ) : (
        <EmptyState title="We could not find this payment for this team" />
      )}
      <p className="mt-6 text-sm">
        <Link href={`/${ctx.team.slug}/billing`} className="text-brand-700 underline">
          Back to billing
        </Link>
      </p>
    </>
  );
}
