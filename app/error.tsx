"use client";
// Server errors reach the browser only as a digest; the server log has the cause under the same id.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        An unexpected error stopped this page. Try again; if it keeps happening, tell your admin the reference below.
      </p>
      {error.digest ? (
        <p className="mt-4 font-mono text-sm text-slate-500" data-testid="error-reference">
          Reference: {error.digest}
        </p>
      ) : null}
      <button onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </main>
  );
}
