// For the portal's error page (app/error.tsx): was the database the cause, and is it back? Asks
// GET /api/health (503 while the database does not answer) once, and, while it says "down", again
// every few seconds until it answers; no server imports, so it runs in the browser.

/** "up": the database answered at once (the error was something else); "back": it answers again. */
export type DatabaseState = "checking" | "up" | "down" | "back";

/** Starts watching; returns a function that stops it (an unmounted page). */
export function watchDatabase(isUp: () => Promise<boolean>, onChange: (state: DatabaseState) => void, intervalMs = 5000): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = async (wasDown: boolean) => {
    const up = await isUp().catch(() => false);
    if (stopped) return;
    if (up) return onChange(wasDown ? "back" : "up");
    if (!wasDown) onChange("down");
    timer = setTimeout(() => void ask(true), intervalMs);
  };
  void ask(false);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The browser's question to GET /api/health. */
export async function healthSaysUp(): Promise<boolean> {
  const response = await fetch("/api/health", { cache: "no-store" });
  return response.ok;
}
