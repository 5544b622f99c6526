"use client";
// One key in the table. Rotation state lives here, not in the rotate form: after a rotation the
// old key can no longer be rotated, so the form goes away, but the new key must still be revealed.
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { KeyReveal } from "@/components/keys/key-reveal";
import { KeyStatusBadge } from "@/components/keys/key-status-badge";
import { EditKeyForm } from "@/components/keys/edit-key-form";
import type { KeyRowView } from "@/components/keys/key-row-view";
import { DEFAULT_GRACE, GRACE_OPTIONS } from "@/components/keys/grace-options";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
export type KeyRowActions = { revoke: Action; rotate: Action; update: Action };

export function KeyRow({ row, team, actions, columns }: { row: KeyRowView; team: string; actions: KeyRowActions; columns: number }) {
  const [rotation, rotate] = useActionState(actions.rotate, {});
  return (
    <>
      <tr data-testid="key-row" id={`key-${row.id}`} className="scroll-mt-24 align-top target:bg-amber-50">
        <td className="py-3 pr-4">
          <p className="font-medium text-slate-900">{row.name}</p>
          <code className="whitespace-nowrap text-xs text-slate-600" data-testid="masked-key">
            {row.masked}
          </code>
        </td>
        <td className="py-3 pr-4">
          {row.scopes}
          {row.manage ? (
            <span className="ml-1">
              <Badge tone="blue">Management API</Badge>
            </span>
          ) : null}
        </td>
        <td className="whitespace-nowrap py-3 pr-4">
          {row.created}
          {row.createdBy ? <span className="block text-xs text-slate-500">by {row.createdBy}</span> : null}
        </td>
        <td className="py-3 pr-4">{row.lastUsed}</td>
        <td className="whitespace-nowrap py-3 pr-4 tabular-nums" data-testid="key-usage">
          {row.usage}
        </td>
        <td className="py-3 pr-4">
          {row.expires}
          {row.expiresNote ? <span className="block text-xs text-amber-700">{row.expiresNote}</span> : null}
        </td>
        <td className="whitespace-nowrap py-3 pr-4 tabular-nums">{row.spend}</td>
        <td className="py-3 pr-4">
          <KeyStatusBadge status={row.status} />
        </td>
        <td className="py-3">
          <div className="flex flex-col items-start gap-2">
            {row.canRotate ? (
              <form action={rotate} className="flex flex-wrap items-center gap-2">
                <input type="hidden" name="team" value={team} />
                <input type="hidden" name="id" value={row.id} />
                <label htmlFor={`grace-${row.id}`} className="sr-only">
                  Grace period when rotating {row.name}
                </label>
                <select
                  id={`grace-${row.id}`}
                  name="grace"
                  defaultValue={DEFAULT_GRACE}
                  className="rounded-md border border-slate-300 px-2 py-1 text-xs"
                >
                  {GRACE_OPTIONS.map((option) => (
                    <option key={option.seconds} value={option.seconds}>
                      {option.label}
                    </option>
                  ))}
                </select>
                <SubmitButton size="sm" variant="secondary" pendingLabel="Rotating…" aria-label={`Rotate ${row.name}`}>
                  Rotate
                </SubmitButton>
              </form>
            ) : null}
            {row.edit ? (
              <EditKeyForm row={{ ...row, edit: row.edit }} team={team} currency={row.edit.currency} action={actions.update} />
            ) : null}
            {row.canRevoke ? (
              <ActionForm
                action={actions.revoke}
                hidden={{ team, id: row.id }}
                confirm={`Revoke “${row.name}”? Calls with this key will be refused within seconds. This cannot be undone.`}
              >
                <Button size="sm" variant="ghost" type="submit" aria-label={`Revoke ${row.name}`}>
                  Revoke
                </Button>
              </ActionForm>
            ) : null}
          </div>
        </td>
      </tr>
      {rotation.error || rotation.reveal ? (
        <tr>
          <td colSpan={columns} className="pb-4">
            <FormMessage state={rotation} />
            {rotation.ok && rotation.reveal ? <KeyReveal value={rotation.reveal} label={`New key for ${row.name}`} /> : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
