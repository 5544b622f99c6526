// The frame of every admin list table: scrolls sideways on narrow screens, column headings, and
// a divided body for the rows the caller renders.
import { TableHead, type Column } from "@/components/ledger/table-head";
import { TableScroll } from "@/components/ui/table-scroll";

type Props = { columns: Column[]; cell: string; testId: string; children: React.ReactNode };

export function AdminTable({ columns, cell, testId, children }: Props) {
  return (
    <TableScroll>
      <table className="w-full text-sm" data-testid={testId}>
        <TableHead columns={columns} cell={cell} />
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </TableScroll>
  );
}
