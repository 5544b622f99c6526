// Low-balance alerts for the teams of one usage batch. The alert is claimed by ONE conditional
// UPDATE (alertedAt still NULL and balance below the threshold), so however many instances watch
// the same team at once, exactly one of them sends it.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { currency, formatMoney } from "@/lib/money";
import { toMoneyString } from "@/lib/billing/money-schemas";
import { rearmLowBalanceAlerts } from "@/lib/billing/alerts/rearm-low-balance-alert";
import { notifyTeamManagers } from "@/lib/notifications/notify-team-managers";
import { countLowBalanceAlert } from "@/lib/metrics/billing-metrics";

type Crossed = { id: string; slug: string; name: string; balance: bigint; threshold: bigint; alertedAt: Date };

async function claimAlerts(teamIds: string[]): Promise<Crossed[]> {
  return db.$queryRaw<Crossed[]>`
    UPDATE teams SET "lowBalanceAlertedAt" = now()
    WHERE id = ANY(${teamIds}::text[]) AND "lowBalanceAlertedAt" IS NULL AND "lowBalanceThreshold" IS NOT NULL AND balance < "lowBalanceThreshold"
    RETURNING id, slug, name, balance, "lowBalanceThreshold" AS threshold, "lowBalanceAlertedAt" AS "alertedAt"`;
}

async function sendLowBalanceAlert(team: Crossed): Promise<void> {
  const code = currency();
  const topUpUrl = `${appUrl()}/${team.slug}/billing`;
  const balance = formatMoney(team.balance, code);
  const threshold = formatMoney(team.threshold, code);
  await notifyTeamManagers({
    teamId: team.id,
    kind: "balance.low",
    title: `${team.name}: credit is low (${balance})`,
    body: `The credit of ${team.name} is ${balance}, below the alert threshold of ${threshold}. Calls are refused with 402 once it runs out. Top up here:`,
    link: topUpUrl,
    webhook: {
      event: "balance.low",
      payload: {
        type: "balance.low",
        team: { id: team.id, slug: team.slug },
        balance: toMoneyString(team.balance),
        threshold: toMoneyString(team.threshold),
        currency: code,
        topUpUrl,
        occurredAt: team.alertedAt.toISOString(),
      },
    },
  });
}

export async function checkLowBalance(teamIds: string[]): Promise<void> {
  await rearmLowBalanceAlerts(teamIds);
  for (const team of await claimAlerts(teamIds)) {
    countLowBalanceAlert();
    await sendLowBalanceAlert(team);
  }
}
