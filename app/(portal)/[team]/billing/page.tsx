import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { db } from "@/lib/db";
import { currency, formatMoney } from "@/lib/billing/money";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { TopUpSection } from "@/components/billing/top-up-section";
import { PaymentsSection } from "@/components/billing/payments-section";
import { startTopUpAction } from "./actions";

export const metadata: Metadata = { title: "Billing" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function BillingPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  const [team, entries] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: ctx.team.id }, select: { balance: true } }),
    db.creditLedgerEntry.findMany({ where: { teamId: ctx.team.id }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  return (
    <>
      <PageHeader title="Billing" description="Calls are paid from the team's prepaid credit." />
      <Card title="Credit balance">
        <p className="text-3xl font-semibold tabular-nums" data-testid="balance">
          {formatMoney(team.balance, currency())}
        </p>
      </Card>
      <TopUpSection ctx={ctx} action={startTopUpAction} />
      <PaymentsSection teamId={ctx.team.id} />
      <h2 className="mb-3 mt-8 text-base font-semibold">Ledger</h2>
      {entries.length === 0 ? (
        <EmptyState title="No credit movements yet" />
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">When</th>
              <th className="px-4 py-2">Kind</th>
              <th className="px-4 py-2">Reason</th>
              <th className="px-4 py-2 text-right">Amount</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="px-4 py-2">{dateFormat.format(entry.createdAt)}</td>
                <td className="px-4 py-2">{entry.kind.toLowerCase().replace("_", " ")}</td>
                <td className="px-4 py-2 text-slate-600">{entry.reason ?? ""}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatMoney(entry.amount, currency())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
