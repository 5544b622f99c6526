// One figure of the admin overview: a label, the value and an optional note or link.
import Link from "next/link";

type Props = { label: string; value: React.ReactNode; note?: React.ReactNode; href?: string; testId?: string };

export function StatTile({ label, value, note, href, testId }: Props) {
  const body = (
    <>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {note ? <dd className="mt-1 text-xs text-slate-500">{note}</dd> : null}
    </>
  );
  const box = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${box} block hover:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500`}>
      <dl>{body}</dl>
    </Link>
  ) : (
    <dl className={box}>{body}</dl>
  );
}

/** "2.5%" of `part` in `whole`; an en dash when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return "–";
  const value = (part * 100) / whole;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}%`;
}
