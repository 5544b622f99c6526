// The members and subscriptions of one team on its admin page.
import type { AdminTeam } from "@/lib/admin/get-admin-team";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";

const cell = "px-3 py-2";
const STATUS_TONES = { ACTIVE: "green", PENDING: "amber", REJECTED: "red", CANCELLED: "slate" } as const;

export function AdminTeamMembers({ members }: { members: AdminTeam["memberships"] }) {
  return (
    <AdminTable columns={[{ label: "Member" }, { label: "Role" }, { label: "Joined (UTC)" }]} cell={cell} testId="admin-team-members">
      {members.map((member) => (
        <tr key={member.id}>
          <td className={cell}>
            <span className="break-all">{member.user.email}</span> {member.user.disabledAt ? <Badge tone="red">disabled</Badge> : null}
            {member.user.name ? <span className="block text-xs text-slate-500">{member.user.name}</span> : null}
          </td>
          <td className={cell}>{member.role.toLowerCase()}</td>
          <td className={`${cell} whitespace-nowrap text-slate-600`}>{utcDateTime.format(member.createdAt)}</td>
        </tr>
      ))}
    </AdminTable>
  );
}

export function AdminTeamSubscriptions({ subscriptions }: { subscriptions: AdminTeam["subscriptions"] }) {
  return (
    <AdminTable
      columns={[{ label: "API" }, { label: "Plan" }, { label: "Status" }, { label: "Since (UTC)" }]}
      cell={cell}
      testId="admin-team-subscriptions"
    >
      {subscriptions.map((subscription) => (
        <tr key={subscription.id}>
          <td className={cell}>
            {subscription.api.name} <span className="text-slate-500">/{subscription.api.slug}</span>
          </td>
          <td className={cell}>
            {subscription.plan.name}
            {subscription.pendingPlan ? (
              <span className="block text-xs text-amber-700">requested: {subscription.pendingPlan.name}</span>
            ) : null}
          </td>
          <td className={cell}>
            <Badge tone={STATUS_TONES[subscription.status]}>{subscription.status.toLowerCase()}</Badge>
          </td>
          <td className={`${cell} whitespace-nowrap text-slate-600`}>{utcDateTime.format(subscription.createdAt)}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
