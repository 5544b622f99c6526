// The team's subscriptions, one row per API: plan and state (with a pending plan change or the
// reason of a rejection), when it was requested and decided, and for owners and admins the plan
// select and the cancel button of the catalog card.
import Link from "next/link";
import type { ActionState } from "@/lib/auth/action";
import type { CatalogItemView } from "@/components/subscriptions/catalog-item-view";
import { SubscriptionForm } from "@/components/subscriptions/subscription-form";
import { SubscriptionStatus } from "@/components/subscriptions/subscription-status";
import { utcDateTime } from "@/components/ledger/ledger-labels";
import { TableHead } from "@/components/ledger/table-head";
import { TableScroll } from "@/components/ui/table-scroll";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type SubscriptionRow = {
  id: string;
  api: { slug: string; name: string };
  item: Pick<CatalogItemView, "subscription" | "plans" | "current" | "closed">;
  requestedAt: Date | null;
  decidedAt: Date | null;
};

type Props = {
  team: string;
  rows: SubscriptionRow[];
  /** null for plain members, who see the states only */
  actions: { subscribe: Action; cancel: Action } | null;
  teamHasKeys: boolean;
};

const cell = "px-4 py-3 align-top";
const when = (date: Date | null) => (date ? utcDateTime.format(date) : "—");

export function SubscriptionsTable({ team, rows, actions, teamHasKeys }: Props) {
  const columns = [
    { label: "API" },
    { label: "Plan and status" },
    { label: "Requested (UTC)" },
    { label: "Decided (UTC)" },
    ...(actions ? [{ label: "Change or cancel", className: "w-72" }] : []),
  ];
  return (
    <TableScroll className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <TableHead columns={columns} cell={cell} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="subscription-row" data-api={row.api.slug}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                <Link href={`/${team}/catalog`} className="text-brand-600 hover:underline">
                  {row.api.name}
                </Link>
                <span className="block text-xs font-normal text-slate-500">{row.api.slug}</span>
              </th>
              <td className={cell}>
                <SubscriptionStatus subscription={row.item.subscription} />
              </td>
              <td className={`${cell} whitespace-nowrap text-slate-600`}>{when(row.requestedAt)}</td>
              <td className={`${cell} whitespace-nowrap text-slate-600`}>{when(row.decidedAt)}</td>
              {actions ? (
                <td className={cell}>
                  <SubscriptionForm
                    team={team}
                    api={row.api}
                    plans={row.item.plans}
                    current={row.item.current}
                    closed={row.item.closed}
                    actions={actions}
                    teamHasKeys={teamHasKeys}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
