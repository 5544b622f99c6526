// Column headings of the ledger and admin tables; `right` aligns money columns with their figures.
export type Column = { label: React.ReactNode; right?: boolean; className?: string };

export function TableHead({ columns, cell }: { columns: Column[]; cell: string }) {
  return (
    <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col" className={`${cell} ${column.right ? "text-right" : ""} ${column.className ?? ""}`}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
