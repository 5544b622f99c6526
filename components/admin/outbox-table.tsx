// The email outbox: recipient, subject, status, and the message text behind a <details>.
import type { OutboxRow } from "@/lib/admin/list-email-outbox";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";

const cell = "px-3 py-2 align-top";
const TONES = { SENT: "green", LOGGED: "slate", PENDING: "amber", FAILED: "red" } as const;

export function OutboxTable({ rows }: { rows: OutboxRow[] }) {
  return (
    <AdminTable
      columns={[{ label: "When (UTC)" }, { label: "To" }, { label: "Subject and text" }, { label: "Status" }]}
      cell={cell}
      testId="email-outbox"
    >
      {rows.map((email) => (
        <tr key={email.id}>
          <td className={`${cell} whitespace-nowrap tabular-nums`}>{utcDateTime.format(email.createdAt)}</td>
          <td className={cell}>{email.to}</td>
          <td className={cell}>
            <details>
              <summary className="cursor-pointer">{email.subject}</summary>
              <pre className="mt-1 max-w-xl whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs">{email.text}</pre>
            </details>
          </td>
          <td className={cell}>
            <Badge tone={TONES[email.status]}>{email.status.toLowerCase()}</Badge>
            {email.error ? <span className="mt-1 block text-xs text-red-700">{email.error}</span> : null}
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}
