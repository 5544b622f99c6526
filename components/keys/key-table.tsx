// The team's keys. Rows are client components only for their forms; everything shown is
// formatted on the server (components/keys/key-row-view.ts).
import { KeyRow, type KeyRowActions } from "@/components/keys/key-row";
import type { KeyRowView } from "@/components/keys/key-row-view";
import { TableScroll } from "@/components/ui/table-scroll";

const COLUMNS = ["Key", "Scopes", "Created", "Last used", "Last 30 days", "Expires", "Spent / cap", "Status", "Actions"];

export function KeyTable({ rows, team, actions }: { rows: KeyRowView[]; team: string; actions: KeyRowActions }) {
  return (
    <TableScroll>
      <table className="w-full text-left text-sm" data-testid="key-table">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="whitespace-nowrap py-2 pr-4 font-medium">
                {column === "Actions" ? <span className="sr-only">{column}</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <KeyRow key={row.id} row={row} team={team} actions={actions} columns={COLUMNS.length} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
