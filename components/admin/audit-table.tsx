// Audit log rows: when, who, which team, what, on which object, the request id, and the metadata
// as formatted JSON behind a <details>.
import Link from "next/link";
import type { AuditRow } from "@/lib/admin/list-audit-log";
import { AdminTable } from "@/components/admin/admin-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";

const cell = "px-3 py-2 align-top";
const COLUMNS = [
  { label: "When (UTC)" },
  { label: "Actor" },
  { label: "Team" },
  { label: "Action" },
  { label: "Target" },
  { label: "Request" },
  { label: "Details" },
];

const ACTOR_LABELS = { USER: "user", ADMIN_TOKEN: "admin token", API_KEY: "API key", SYSTEM: "system" } as const;

export function actorText(row: Pick<AuditRow, "actorType" | "actorLabel">): string {
  return row.actorLabel ?? ACTOR_LABELS[row.actorType];
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <AdminTable columns={COLUMNS} cell={cell} testId="audit-log">
      {rows.map((row) => (
        <tr key={row.id} data-testid="audit-row">
          <td className={`${cell} whitespace-nowrap tabular-nums`}>{utcDateTime.format(row.createdAt)}</td>
          <td className={cell}>{actorText(row)}</td>
          <td className={cell}>
            {row.team ? (
              <Link href={`/admin/teams/${row.team.slug}`} className="text-brand-700 hover:underline">
                /{row.team.slug}
              </Link>
            ) : (
              <span className="text-slate-400">–</span>
            )}
          </td>
          <td className={cell}>
            <code className="whitespace-nowrap text-xs">{row.action}</code>
          </td>
          <td className={`${cell} text-xs text-slate-600`}>
            {row.targetType ? (
              <>
                {row.targetType} {row.targetLabel ? <span className="font-medium text-slate-900">{row.targetLabel}</span> : null}
                {row.targetId ? <span className="block font-mono text-slate-500">{row.targetId}</span> : null}
              </>
            ) : null}
          </td>
          <td className={`${cell} font-mono text-xs text-slate-500`}>{row.requestId ?? ""}</td>
          <td className={cell}>
            {row.metadata === null ? null : (
              <details>
                <summary className="cursor-pointer text-xs text-brand-700">Metadata</summary>
                <pre className="mt-1 max-w-md whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                  {JSON.stringify(row.metadata, null, 2)}
                </pre>
              </details>
            )}
            {row.ip ? <span className="block text-xs text-slate-500">IP {row.ip}</span> : null}
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}
