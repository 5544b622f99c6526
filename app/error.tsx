"use client";
// Server errors reach the browser only as a digest; the server log has the cause under the same id.
// GET /api/health tells whether the database is the cause: then the page says so and reloads by
// itself once the database answers again (README, "When the database is unavailable").
import { startTransition, useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { ErrorView } from "@/components/ui/error-view";
import { healthSaysUp, watchDatabase, type DatabaseState } from "@/lib/health/watch-database";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [database, setDatabase] = useState<DatabaseState>("checking");
  // The server components render again (refresh), then the boundary shows them (reset).
  const retry = useCallback(
    () =>
      startTransition(() => {
        router.refresh();
        reset();
      }),
    [router, reset],
  );
  useEffect(
    () =>
      watchDatabase(healthSaysUp, (state) => {
        setDatabase(state);
        if (state === "back") retry();
      }),
    [retry],
  );
  return <ErrorView database={database} digest={error.digest} onRetry={retry} />;
}
