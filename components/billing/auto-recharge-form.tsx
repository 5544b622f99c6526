// Auto-recharge: charge the saved card off-session when the credit falls below the threshold.
// Owners edit it; it needs a card saved with a top-up ("Save this card for auto-recharge").
import type { BalanceSettingsView } from "@/lib/billing/alerts/get-balance-settings";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { CheckboxField, Field } from "@/components/ui/form";
import type { SettingsAction } from "@/components/billing/alert-settings-form";

type Props = { team: string; currency: string; settings: BalanceSettingsView["autoRecharge"]; canEdit: boolean; action: SettingsAction };

export function AutoRechargeForm({ team, currency, settings, canEdit, action }: Props) {
  const status = settings.enabled
    ? `On: ${settings.amount} ${currency} when the credit falls below ${settings.threshold} ${currency}.`
    : "Off.";
  if (!settings.hasCard || !canEdit) {
    return (
      <section className="space-y-1">
        <h3 className="text-sm font-semibold text-slate-800">Auto-recharge</h3>
        <p className="text-sm text-slate-600" data-testid="auto-recharge-status">
          {status} {!settings.hasCard ? "An owner can save a card with a top-up to enable it." : "Only owners can change it."}
        </p>
      </section>
    );
  }
  return (
    <section className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-800">Auto-recharge</h3>
      <p className="text-sm text-slate-600" data-testid="auto-recharge-status">
        {status} {settings.inFlight ? "A recharge is in progress." : ""}
      </p>
      <ActionForm action={action} hidden={{ team }} className="grid max-w-xl gap-3">
        <CheckboxField
          id="auto-recharge-enabled"
          name="enabled"
          defaultChecked={settings.enabled}
          label="Recharge automatically with the saved card"
        />
        <Field
          label={`When the credit falls below (${currency})`}
          id="auto-recharge-threshold"
          name="threshold"
          inputMode="decimal"
          defaultValue={settings.threshold}
          required
        />
        <Field
          label={`Recharge by (${currency})`}
          id="auto-recharge-amount"
          name="amount"
          inputMode="decimal"
          defaultValue={settings.amount}
          required
        />
        <div>
          <Button type="submit" variant="secondary">
            Save auto-recharge
          </Button>
        </div>
      </ActionForm>
    </section>
  );
}
