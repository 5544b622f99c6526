// One titled, paged section of the ledger: heading, the table or an empty state, and its pager.
import { EmptyState } from "@/components/ui/card";
import { Pager } from "@/components/ledger/pager";

type Props = {
  id: string;
  title: string;
  empty: string;
  paged: { rows: unknown[]; page: number; hasPrevious: boolean; hasNext: boolean };
  hrefFor: (page: number) => string;
  children: React.ReactNode;
};

export function LedgerSection({ id, title, empty, paged, hrefFor, children }: Props) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="mt-8">
      <h2 id={`${id}-title`} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {paged.rows.length === 0 ? <EmptyState title={paged.page > 1 ? "No older entries" : empty} /> : children}
      <Pager label={`${title} pages`} page={paged.page} hasPrevious={paged.hasPrevious} hasNext={paged.hasNext} hrefFor={hrefFor} />
    </section>
  );
}
