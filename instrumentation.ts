// Runs once when a server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Tracing first, so everything after it may be traced (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; lib/tracing).
  const { startTracing } = await import("@/lib/tracing/start-tracing");
  startTracing();
  // With REDIS_URL (shared rate limits): the URL is checked now and Redis connected before the first call.
  const { redisClient } = await import("@/lib/redis/redis-client");
  redisClient();
  const { flushUsageBeforeExit } = await import("@/lib/gateway/flush-on-exit");
  const { listenForInvalidations } = await import("@/lib/cache/listen-for-invalidations");
  const { startHeartbeat } = await import("@/lib/instances/heartbeat");
  const { startReconcilingLostCalls } = await import("@/lib/gateway/reconcile-lost-calls");
  const { installPromptApis } = await import("@/lib/prompt-apis/call/install");
  installPromptApis(); // the gateway serves Prompt APIs through it (lib/gateway/api-kind-handlers.ts)
  flushUsageBeforeExit();
  void listenForInvalidations();
  // Heartbeat first: the reconciler must never mistake this instance's own open calls for lost ones.
  await startHeartbeat();
  startReconcilingLostCalls();
  // Prometheus metrics on a port of their own when METRICS_PORT is set (lib/metrics; README, "Metrics").
  const { metricsSettings } = await import("@/lib/env");
  const metricsPort = metricsSettings().port;
  if (metricsPort !== undefined) {
    const { startMetricsServer } = await import("@/lib/metrics/metrics-server");
    await startMetricsServer(metricsPort);
  }
}
