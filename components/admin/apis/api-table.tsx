// Every API for the admin: kind (REST, AI…), status, visibility, plans, active subscriptions and last change.
import Link from "next/link";
import type { AdminApiRow } from "@/lib/catalog/list-apis";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";
import { ApiStatusBadge } from "@/components/admin/apis/api-status-badge";

const cell = "px-3 py-2";
const COLUMNS = [
  { label: "API" },
  { label: "Kind" },
  { label: "Status" },
  { label: "Visibility" },
  { label: "Plans", right: true },
  { label: "Active subscriptions", right: true },
  { label: "Updated (UTC)" },
];

export function ApiTable({ apis }: { apis: AdminApiRow[] }) {
  return (
    <AdminTable columns={COLUMNS} cell={cell} testId="admin-apis">
      {apis.map((api) => (
        <tr key={api.id} data-testid="admin-api-row">
          <td className={cell}>
            <Link href={`/admin/apis/${api.slug}`} className="font-medium text-brand-700 hover:underline">
              {api.name}
            </Link>{" "}
            <span className="text-slate-500">
              /{api.slug} · v{api.version}
            </span>
          </td>
          <td className={cell} data-testid="admin-api-kind">
            <Badge tone={api.kind === "AI" ? "blue" : "slate"}>{api.kind}</Badge>
          </td>
          <td className={cell}>
            <ApiStatusBadge status={api.status} />
            {api.status === "DEPRECATED" && api.sunsetAt ? (
              <span className="ml-2 text-xs text-slate-500">sunset {api.sunsetAt.toISOString().slice(0, 10)}</span>
            ) : null}
          </td>
          <td className={cell}>{api.visibility === "PUBLIC" ? <Badge tone="blue">public</Badge> : <Badge>private</Badge>}</td>
          <td className={`${cell} text-right tabular-nums`}>
            {api.openPlans}
            {api.archivedPlans ? <span className="text-slate-500"> (+{api.archivedPlans} archived)</span> : null}
          </td>
          <td className={`${cell} text-right tabular-nums`}>{api.activeSubscriptions}</td>
          <td className={`${cell} whitespace-nowrap text-slate-600`}>{utcDateTime.format(api.updatedAt)}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
