// What an admin page shows while its server component loads: the heading and grey placeholders.
/** `title` is the coming page's heading; without it (the console-wide fallback) only placeholders show. */
export function AdminLoading({ title }: { title?: string }) {
  return (
    <div aria-busy="true" aria-live="polite">
      {title ? <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1> : null}
      <p className="sr-only">Loading…</p>
      <div className="space-y-3" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((row) => (
          <div key={row} className="h-10 animate-pulse rounded-md bg-slate-200/70" />
        ))}
      </div>
    </div>
  );
}
