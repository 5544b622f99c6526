// The frame of every admin list table: scrolls sideways on narrow screens, column headings, and
// a divided body for the rows the caller renders. `relative` keeps absolutely positioned children
// (the sr-only labels of row forms) inside the scrolling box; otherwise they widen the whole page.
import { TableHead, type Column } from "@/components/ledger/table-head";

type Props = { columns: Column[]; cell: string; testId: string; children: React.ReactNode };

export function AdminTable({ columns, cell, testId, children }: Props) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <TableHead columns={columns} cell={cell} />
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
