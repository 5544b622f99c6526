// Tracing in a test: the process's tracer provider with an in-memory exporter and a simple processor,
// installed through lib/tracing's own seam (installTracerProvider), so spans are there to read as soon
// as they end. uninstallTracing() turns tracing off again.
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { installTracerProvider } from "@/lib/tracing/tracer";

export type TraceCapture = {
  spans(): ReadableSpan[];
  /** the finished spans of one trace */
  trace(traceId: string): ReadableSpan[];
  reset(): void;
};

export function traceInMemory(): TraceCapture {
  const exporter = new InMemorySpanExporter();
  installTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  return {
    spans: () => exporter.getFinishedSpans(),
    trace: (traceId) => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId),
    reset: () => exporter.reset(),
  };
}

/** `00-<trace id>-<parent id>-<flags>` split into its fields (W3C Trace Context). */
export function parseTraceparent(value: unknown): { traceId: string; parentId: string; flags: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(String(value));
  if (!match) throw new Error(`not a traceparent: ${String(value)}`);
  return { traceId: match[1]!, parentId: match[2]!, flags: match[3]! };
}
