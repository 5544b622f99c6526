// Runs once when a server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { flushUsageBeforeExit } = await import("@/lib/gateway/flush-on-exit");
  const { listenForInvalidations } = await import("@/lib/cache/listen-for-invalidations");
  flushUsageBeforeExit();
  void listenForInvalidations();
}
