// What the portal's error page shows: a database that does not answer is named as the cause, with
// the promise that the page comes back by itself; anything else is the generic message with the
// digest the server log files the cause under.
import type { DatabaseState } from "@/lib/health/watch-database";

type ErrorViewProps = { database: DatabaseState; digest?: string; onRetry: () => void };

export function ErrorView({ database, digest, onRetry }: ErrorViewProps) {
  const down = database === "down";
  return (
    <main role="alert" className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">{down ? "Tollgate cannot reach its database" : "Something went wrong"}</h1>
      <p className="mt-2 text-slate-600">
        {down
          ? "The database is restarting or not answering, so this page could not be loaded. Nothing you did caused it, and nothing was lost: this page reloads by itself as soon as the database answers."
          : "An unexpected error stopped this page. Try again; if it keeps happening, tell your admin the reference below."}
      </p>
      {digest && !down ? (
        <p className="mt-4 font-mono text-sm text-slate-500" data-testid="error-reference">
          Reference: {digest}
        </p>
      ) : null}
      <button onClick={onRetry} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {down ? "Try now" : "Try again"}
      </button>
    </main>
  );
}
