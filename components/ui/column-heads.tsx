/** The header row of a data table; an "Actions" column is named for screen readers only. */
export function ColumnHeads({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className="whitespace-nowrap py-2 pr-4 font-medium">
            {column === "Actions" ? <span className="sr-only">{column}</span> : column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
