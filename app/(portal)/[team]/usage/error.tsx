"use client";
// An unexpected failure of the usage queries: the rest of the team area stays usable.
export default function UsageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-5 py-6">
      <h1 className="text-lg font-semibold text-red-800">Usage could not be loaded</h1>
      <p className="mt-1 text-sm text-red-700">
        Something went wrong while reading this team's usage. Try again; if it keeps happening, tell your admin the reference below.
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-red-700">Reference: {error.digest}</p> : null}
      <button onClick={reset} className="mt-4 rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700">
        Try again
      </button>
    </div>
  );
}
