// The admin users list: status, role, teams, and the disable / enable and admin-role forms. The
// signed-in admin's own row has no forms (the server refuses those changes anyway).
import type { AdminUserRow } from "@/lib/admin/list-admin-users";
import type { ActionState } from "@/lib/auth/action";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";
import { UserStatusForm } from "@/components/admin/user-status-form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type UserActions = { disable: Action; enable: Action; grantAdmin: Action; revokeAdmin: Action };

const cell = "px-3 py-2 align-top";
const COLUMNS = [
  { label: "User" },
  { label: "Status" },
  { label: "Teams", right: true },
  { label: "Created (UTC)" },
  { label: "Access" },
  { label: "Platform admin" },
];

export function AdminUsersTable({ rows, actions, currentUserId }: { rows: AdminUserRow[]; actions: UserActions; currentUserId: string }) {
  return (
    <AdminTable columns={COLUMNS} cell={cell} testId="admin-users">
      {rows.map((user) => {
        const self = user.id === currentUserId;
        return (
          <tr key={user.id} data-testid="admin-user-row">
            <td className={cell}>
              <span className="font-medium text-slate-900">{user.email}</span>
              {user.name ? <span className="block text-xs text-slate-500">{user.name}</span> : null}
            </td>
            <td className={cell}>
              <span className="flex flex-wrap gap-1">
                {user.disabledAt ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}
                {user.isPlatformAdmin ? <Badge tone="blue">platform admin</Badge> : null}
                {self ? <Badge>you</Badge> : null}
              </span>
              {user.disabledAt ? (
                <span className="mt-1 block text-xs text-slate-500">since {utcDateTime.format(user.disabledAt)}</span>
              ) : null}
            </td>
            <td className={`${cell} text-right tabular-nums`}>{user.teams}</td>
            <td className={`${cell} whitespace-nowrap text-slate-600`}>{utcDateTime.format(user.createdAt)}</td>
            <td className={`${cell} min-w-64`}>
              {self ? null : user.disabledAt ? (
                <UserStatusForm
                  key="enable"
                  action={actions.enable}
                  userId={user.id}
                  email={user.email}
                  verb="Enable"
                  confirm={`Enable ${user.email}? They can sign in again at once.`}
                />
              ) : (
                <UserStatusForm
                  key="disable"
                  action={actions.disable}
                  userId={user.id}
                  email={user.email}
                  verb="Disable"
                  danger
                  confirm={`Disable ${user.email}? They are signed out and cannot sign in until enabled again.`}
                />
              )}
            </td>
            <td className={`${cell} min-w-64`}>
              {self || user.disabledAt ? null : user.isPlatformAdmin ? (
                <UserStatusForm
                  key="revoke"
                  action={actions.revokeAdmin}
                  userId={user.id}
                  email={user.email}
                  verb="Remove admin"
                  confirm={`Remove platform admin from ${user.email}?`}
                />
              ) : (
                <UserStatusForm
                  key="grant"
                  action={actions.grantAdmin}
                  userId={user.id}
                  email={user.email}
                  verb="Make admin"
                  confirm={`Make ${user.email} a platform admin? They can see and change every team.`}
                />
              )}
            </td>
          </tr>
        );
      })}
    </AdminTable>
  );
}
