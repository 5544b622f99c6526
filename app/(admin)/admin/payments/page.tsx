import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { listAllPayments } from "@/lib/admin/list-all-payments";
import { revenueByDay } from "@/lib/admin/revenue-by-day";
import { parsePage } from "@/lib/http/pagination";
import { currency } from "@/lib/money";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { PaymentsTable } from "@/components/admin/payments-table";
import { RevenueTable } from "@/components/admin/revenue-table";
import { Pager } from "@/components/ledger/pager";
import { listUnappliedStripeEvents } from "@/lib/admin/list-unapplied-stripe-events";
import { UnappliedEventsTable } from "@/components/admin/unapplied-events-table";

export const metadata: Metadata = { title: "Payments · Admin" };

export default async function AdminPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const page = parsePage((await searchParams).page);
  const [payments, revenue, unapplied] = await Promise.all([
    listAllPayments(page),
    revenueByDay({ days: 30 }),
    listUnappliedStripeEvents(),
  ]);
  return (
    <>
      <PageHeader
        title="Payments and revenue"
        description="Stripe top-ups and auto-recharges of every team, and revenue per day: credit bought minus payment refunds."
      />
      <div className="space-y-6">
        <Card title="Payments">
          {payments.rows.length === 0 ? (
            <EmptyState title={page > 1 ? "No more payments" : "No payments yet"} />
          ) : (
            <PaymentsTable rows={payments.rows} />
          )}
          <Pager
            label="Payments pages"
            page={payments.page}
            hasPrevious={payments.hasPrevious}
            hasNext={payments.hasNext}
            hrefFor={(next) => (next > 1 ? `/admin/payments?page=${next}` : "/admin/payments")}
          />
        </Card>
        <Card
          title="Stripe events not applied"
          description="Received and recorded, but no balance changed: an unknown team or a failure. Reconcile them in Stripe and grant credit by hand if money was taken."
        >
          {unapplied.length === 0 ? <EmptyState title="Every Stripe event was applied" /> : <UnappliedEventsTable events={unapplied} />}
        </Card>
        <Card title="Revenue, last 30 days">
          <RevenueTable days={revenue} currency={currency()} />
        </Card>
      </div>
    </>
  );
}
