// The admin teams list: one row per team, its name linking to the team's admin page.
import Link from "next/link";
import type { AdminTeamRow } from "@/lib/admin/list-admin-teams";
import { formatMoney } from "@/lib/money";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";

const cell = "px-3 py-2";
const COLUMNS = [
  { label: "Team" },
  { label: "Balance", right: true },
  { label: "Members", right: true },
  { label: "Active subscriptions", right: true },
  { label: "Calls (30 days)", right: true },
  { label: "Created (UTC)" },
];

export function AdminTeamsTable({ rows, currency }: { rows: AdminTeamRow[]; currency: string }) {
  return (
    <AdminTable columns={COLUMNS} cell={cell} testId="admin-teams">
      {rows.map((team) => (
        <tr key={team.id} data-testid="admin-team-row">
          <td className={cell}>
            <Link href={`/admin/teams/${team.slug}`} className="font-medium text-brand-700 hover:underline">
              {team.name}
            </Link>{" "}
            <span className="text-slate-500">/{team.slug}</span> {team.personal ? <Badge>personal</Badge> : null}
          </td>
          <td className={`${cell} text-right tabular-nums`}>{formatMoney(team.balance, currency)}</td>
          <td className={`${cell} text-right tabular-nums`}>{team.members}</td>
          <td className={`${cell} text-right tabular-nums`}>{team.activeSubscriptions}</td>
          <td className={`${cell} text-right tabular-nums`}>{team.calls30d.toLocaleString("en")}</td>
          <td className={`${cell} whitespace-nowrap text-slate-600`}>{utcDateTime.format(team.createdAt)}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
