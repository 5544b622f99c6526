// Turns tracing on for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans are batched and
// sent over OTLP/HTTP (the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself, e.g.
// OTEL_EXPORTER_OTLP_HEADERS), named by OTEL_SERVICE_NAME. Without it, nothing is installed and the
// gateway's span calls are no-ops. instrumentation.ts and scripts/serve.ts both call it; it runs once.
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import packageJson from "@/package.json";
import { tracingSettings } from "@/lib/env";
import { installTracerProvider, tracingProvider, uninstallTracing } from "@/lib/tracing/tracer";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("server");

/** Returns whether tracing is on. */
export function startTracing(): boolean {
  if (tracingProvider()) return true;
  const settings = tracingSettings();
  if (!settings.endpoint) return false;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: packageJson.version }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });
  installTracerProvider(provider);
  log.info({ serviceName: settings.serviceName }, "tracing: exporting spans over OTLP/HTTP");
  return true;
}

/** Sends the spans still batched, then stops (the SIGTERM path, before the process exits). */
export async function stopTracing(): Promise<void> {
  await uninstallTracing().catch((error: unknown) => log.error({ err: error }, "tracing: exporting the last spans failed"));
}
