// Previous / next links for a paged list. Plain links (no client code): each page is a URL.
import Link from "next/link";

type Props = { label: string; page: number; hasPrevious: boolean; hasNext: boolean; hrefFor: (page: number) => string };

export function Pager({ label, page, hasPrevious, hasNext, hrefFor }: Props) {
  if (!hasPrevious && !hasNext) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50";
  return (
    <nav aria-label={label} className="mt-3 flex items-center justify-between text-sm">
      {hasPrevious ? (
        <Link href={hrefFor(page - 1)} className={link} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-500">Page {page}</span>
      {hasNext ? (
        <Link href={hrefFor(page + 1)} className={link} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
