// The billing page's "Alerts and auto-recharge" card: low-balance threshold and team webhook for
// owners and admins, auto-recharge for owners once a card was saved. Display only; each action
// checks the role again on the server.
import type { TeamContext } from "@/lib/teams/team-access";
import { hasRole } from "@/lib/teams/roles";
import { currency } from "@/lib/money";
import { getBalanceSettings } from "@/lib/billing/alerts/get-balance-settings";
import { Card } from "@/components/ui/card";
import { AlertSettingsForm, type SettingsAction } from "@/components/billing/alert-settings-form";
import { AutoRechargeForm } from "@/components/billing/auto-recharge-form";

type Props = {
  ctx: TeamContext;
  actions: { saveAlerts: SettingsAction; generateSecret: SettingsAction; saveAutoRecharge: SettingsAction };
};

export async function BalanceSettingsCard({ ctx, actions }: Props) {
  if (!hasRole(ctx.role, "ADMIN")) return null;
  const settings = await getBalanceSettings(ctx.team.id);
  const team = ctx.team.slug;
  return (
    <div className="mt-6">
      <Card title="Alerts and auto-recharge" description="Hear about low credit before calls start failing, or top up automatically.">
        <div className="space-y-8">
          <AlertSettingsForm
            team={team}
            currency={currency()}
            settings={settings}
            saveAction={actions.saveAlerts}
            secretAction={actions.generateSecret}
          />
          <AutoRechargeForm
            team={team}
            currency={currency()}
            settings={settings.autoRecharge}
            canEdit={ctx.role === "OWNER"}
            action={actions.saveAutoRecharge}
          />
        </div>
      </Card>
    </div>
  );
}
