// Runs once when a server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { flushUsageBeforeExit } = await import("@/lib/gateway/flush-on-exit");
  const { listenForInvalidations } = await import("@/lib/cache/listen-for-invalidations");
  const { startHeartbeat } = await import("@/lib/instances/heartbeat");
  const { startReconcilingLostCalls } = await import("@/lib/gateway/reconcile-lost-calls");
  flushUsageBeforeExit();
  void listenForInvalidations();
  // Heartbeat first: the reconciler must never mistake this instance's own open calls for lost ones.
  await startHeartbeat();
  startReconcilingLostCalls();
}
