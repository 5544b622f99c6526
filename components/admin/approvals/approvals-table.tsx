// What waits for the platform admin, oldest first: the team, the API, the plan in force and the
// plan asked for with its price, when and by whom, and the decision forms (inside a DecisionBoard).
import { formatMoney } from "@/lib/money";
import type { PendingApproval } from "@/lib/subscriptions/list-pending-approvals";
import { Badge } from "@/components/ui/card";
import { utcDateTime } from "@/components/ledger/ledger-labels";
import { TableHead } from "@/components/ledger/table-head";
import { DecisionForms } from "@/components/admin/approvals/decision-forms";
import { TableScroll } from "@/components/ui/table-scroll";

const cell = "px-3 py-3 align-top";
const COLUMNS = [
  { label: "Team" },
  { label: "API" },
  { label: "Current → requested plan" },
  { label: "Price per call", right: true },
  { label: "Requested (UTC)" },
  { label: "Decision", className: "w-72" },
];

export function ApprovalsTable({ approvals, currency }: { approvals: PendingApproval[]; currency: string }) {
  return (
    <TableScroll className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm" data-testid="approvals">
        <TableHead columns={COLUMNS} cell={cell} />
        <tbody className="divide-y divide-slate-100">
          {approvals.map((approval) => {
            const requested = approval.pendingPlan ?? approval.plan;
            const label = `${approval.team.name} on ${approval.api.name}`;
            return (
              <tr key={approval.id} data-testid="approval-row" data-team={approval.team.slug} data-api={approval.api.slug}>
                <th scope="row" className={`${cell} text-left font-medium`}>
                  {approval.team.name} <span className="block text-xs font-normal text-slate-500">/{approval.team.slug}</span>
                </th>
                <td className={cell}>
                  {approval.api.name} <span className="block text-xs text-slate-500">{approval.api.slug}</span>
                </td>
                <td className={cell}>
                  {approval.pendingPlan ? (
                    <>
                      <Badge tone="blue">Plan change</Badge>
                      <span className="mt-1 block">
                        {approval.plan.name} → <strong>{requested.name}</strong>
                      </span>
                    </>
                  ) : (
                    <>
                      <Badge tone="amber">New subscription</Badge>
                      <span className="mt-1 block">
                        none → <strong>{requested.name}</strong>
                      </span>
                    </>
                  )}
                </td>
                <td className={`${cell} text-right tabular-nums`}>{formatMoney(requested.pricePerCall, currency)}</td>
                <td className={`${cell} text-slate-600`}>
                  {approval.requestedAt ? utcDateTime.format(approval.requestedAt) : "—"}
                  <span className="block text-xs">by {approval.requestedBy}</span>
                </td>
                <td className={cell}>
                  <DecisionForms id={approval.id} label={label} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
