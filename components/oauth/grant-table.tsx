// The team's MCP grants on the Keys page: "MCP: <client>", who allowed it, its spend and last use,
// formatted on the server (grant-row-view.ts). Revoke is a confirmed form per row.
import type { ActionState } from "@/lib/auth/action";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/form";
import { TableScroll } from "@/components/ui/table-scroll";
import { ColumnHeads } from "@/components/ui/column-heads";
import type { GrantRowView } from "@/components/oauth/grant-row-view";

const COLUMNS = ["Grant", "Allowed by", "Access", "Created", "Last used", "Expires", "Spent / cap", "Status", "Actions"];
const TONE = { active: "green", expired: "slate", revoked: "red" } as const;

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function GrantTable({ rows, team, revoke }: { rows: GrantRowView[]; team: string; revoke: Action }) {
  return (
    <TableScroll>
      <table className="w-full text-left text-sm" data-testid="grant-table">
        <ColumnHeads columns={COLUMNS} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="grant-row" className="align-top">
              <td className="py-3 pr-4 font-medium text-slate-900">{row.name}</td>
              <td className="py-3 pr-4">{row.allowedBy}</td>
              <td className="py-3 pr-4">{row.access}</td>
              <td className="whitespace-nowrap py-3 pr-4">{row.created}</td>
              <td className="py-3 pr-4" data-testid="grant-last-used">
                {row.lastUsed}
              </td>
              <td className="py-3 pr-4">{row.expires}</td>
              <td className="whitespace-nowrap py-3 pr-4 tabular-nums" data-testid="grant-spend">
                {row.spend}
              </td>
              <td className="py-3 pr-4">
                <Badge tone={TONE[row.status]}>{row.statusLabel}</Badge>
              </td>
              <td className="py-3">
                {row.canRevoke ? (
                  <ActionForm
                    action={revoke}
                    hidden={{ team, id: row.id }}
                    confirm={`Revoke ${row.name}?`}
                    confirmDetail="Its next tool call is refused."
                  >
                    <SubmitButton variant="danger" size="sm" pendingLabel="Revoking…">
                      Revoke
                    </SubmitButton>
                  </ActionForm>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
