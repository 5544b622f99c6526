// /{team}/billing - balance, top-ups (owners and admins), payments with receipts, and the ledger.
import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { getBalance } from "@/lib/billing/get-balance";
import { formatMoney } from "@/lib/money";
import { Card, PageHeader } from "@/components/ui/card";
import { TopUpSection } from "@/components/billing/top-up-section";
import { PaymentsSection } from "@/components/billing/payments-section";
import { TeamLedgerSection } from "@/components/ledger/team-ledger-section";
import { requestCreditAction, startTopUpAction } from "./actions";
import { BalanceSettingsCard } from "@/components/billing/balance-settings-card";
import { generateWebhookSecretAction, saveAlertSettingsAction, saveAutoRechargeAction } from "./settings-actions";

export const metadata: Metadata = { title: "Billing" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ ledger?: string; usage?: string }> };

export default async function BillingPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { user, ctx } = await loadTeamPage(slug);
  const { balance, currency } = await getBalance(ctx.team.id);
  return (
    <>
      <PageHeader title="Billing" description="Calls are paid from the team's prepaid credit." />
      <Card title="Credit balance">
        <p className="text-3xl font-semibold tabular-nums" data-testid="balance">
          {formatMoney(balance, currency)}
        </p>
      </Card>
      <TopUpSection ctx={ctx} action={startTopUpAction} requestCredit={requestCreditAction} viewerIsPlatformAdmin={user.isPlatformAdmin} />
      <BalanceSettingsCard
        ctx={ctx}
        actions={{
          saveAlerts: saveAlertSettingsAction,
          generateSecret: generateWebhookSecretAction,
          saveAutoRecharge: saveAutoRechargeAction,
        }}
      />
      <PaymentsSection teamId={ctx.team.id} />
      <TeamLedgerSection teamId={ctx.team.id} teamSlug={ctx.team.slug} page={searchParams} />
    </>
  );
}
