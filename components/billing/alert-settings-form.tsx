// Low-balance threshold and the team webhook URL, plus the signing secret (generated on the
// server, shown once by the action's `reveal`).
import type { ActionState } from "@/lib/auth/action";
import type { BalanceSettingsView } from "@/lib/billing/alerts/get-balance-settings";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/form";

export type SettingsAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = { team: string; currency: string; settings: BalanceSettingsView; saveAction: SettingsAction; secretAction: SettingsAction };

export function AlertSettingsForm({ team, currency, settings, saveAction, secretAction }: Props) {
  return (
    <section className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-800">Low-balance alert</h3>
      <ActionForm action={saveAction} hidden={{ team }} className="grid max-w-xl gap-3">
        <Field
          label={`Alert below (${currency}), empty for no alert`}
          name="lowBalanceThreshold"
          inputMode="decimal"
          defaultValue={settings.lowBalanceThreshold}
          placeholder="e.g. 5.00"
        />
        <Field
          label={
            <>
              Webhook URL (optional): receives signed <code>balance.low</code> and <code>auto_recharge.failed</code> events
            </>
          }
          name="webhookUrl"
          type="url"
          defaultValue={settings.webhookUrl}
          placeholder="https://example.com/tollgate"
        />
        <div>
          <Button type="submit" variant="secondary">
            Save alert settings
          </Button>
        </div>
      </ActionForm>
      <ActionForm
        action={secretAction}
        hidden={{ team }}
        revealLabel="Signing secret (shown once)"
        confirm={settings.hasWebhookSecret ? "Replace the signing secret? Receivers must switch to the new one." : undefined}
      >
        <p className="text-xs text-slate-500">
          {settings.hasWebhookSecret ? "A signing secret is set. " : "No signing secret yet: webhooks are sent only once one exists. "}
          Verify <code>Tollgate-Signature: t=…,v1=…</code> as HMAC-SHA256 of <code>&lt;t&gt;.&lt;body&gt;</code>.
        </p>
        <Button type="submit" variant="secondary" className="mt-2">
          {settings.hasWebhookSecret ? "Generate a new signing secret" : "Generate signing secret"}
        </Button>
      </ActionForm>
    </section>
  );
}
