export default function ApiPageLoading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-6">
      <p className="sr-only">Loading the API…</p>
      <div className="h-9 w-64 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
