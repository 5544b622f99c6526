// The team's keys. Rows are client components only for their forms; everything shown is
// formatted on the server (components/keys/key-row-view.ts).
import { KeyRow, type KeyRowActions } from "@/components/keys/key-row";
import type { KeyRowView } from "@/components/keys/key-row-view";
import { TableScroll } from "@/components/ui/table-scroll";
import { ColumnHeads } from "@/components/ui/column-heads";

const COLUMNS = ["Key", "Scopes", "Created", "Last used", "Last 30 days", "Expires", "Spent / cap", "Status", "Actions"];

export function KeyTable({ rows, team, actions }: { rows: KeyRowView[]; team: string; actions: KeyRowActions }) {
  return (
    <TableScroll>
      <table className="w-full text-left text-sm" data-testid="key-table">
        <ColumnHeads columns={COLUMNS} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <KeyRow key={row.id} row={row} team={team} actions={actions} columns={COLUMNS.length} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
