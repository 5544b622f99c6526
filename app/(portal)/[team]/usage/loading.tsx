// Shown while the usage page's queries run: the page's shape in grey, announced as busy.
export default function UsageLoading() {
  const block = "animate-pulse rounded-lg bg-slate-200/70";
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-6">
      <span className="sr-only">Loading usage…</span>
      <div className={`${block} h-8 w-40`} />
      <div className={`${block} h-10 w-full max-w-xl`} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className={`${block} h-20`} />
        ))}
      </div>
      <div className={`${block} h-64`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className={`${block} h-56`} />
        <div className={`${block} h-56`} />
      </div>
      <div className={`${block} h-96`} />
    </div>
  );
}
