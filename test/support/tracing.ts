// Tracing in a test: the process's tracer provider with an in-memory exporter and a simple processor,
// installed through lib/tracing's own seam (installTracerProvider), so spans are there to read as soon
// as they end. uninstallTracing() turns tracing off again.
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { expect } from "vitest";
import { installTracerProvider } from "@/lib/tracing/tracer";
import { TRACE_ATTRIBUTES } from "@/lib/tracing/spans";

export type TraceCapture = {
  spans(): ReadableSpan[];
  /** the finished spans of one trace */
  trace(traceId: string): ReadableSpan[];
  /**
   * The spans of one call by name: its root span (`gateway.call`, `ai.call`) found by request id, and
   * the rest of its trace, each checked to be a direct child of the root.
   */
  callTree(rootName: string, requestId: string): Record<string, ReadableSpan>;
  reset(): void;
};

export function traceInMemory(): TraceCapture {
  const exporter = new InMemorySpanExporter();
  installTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  return {
    spans: () => exporter.getFinishedSpans(),
    trace: (traceId) => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId),
    callTree: (rootName, requestId) => {
      const spans = exporter.getFinishedSpans();
      const root = spans.find((span) => span.name === rootName && span.attributes[TRACE_ATTRIBUTES.requestId] === requestId);
      expect(root, `a ${rootName} span for ${requestId}`).toBeDefined();
      const { traceId, spanId } = root!.spanContext();
      const tree = spans.filter((span) => span.spanContext().traceId === traceId);
      for (const span of tree) if (span !== root) expect(span.parentSpanContext?.spanId, `${span.name}'s parent`).toBe(spanId);
      return Object.fromEntries(tree.map((span) => [span.name, span]));
    },
    reset: () => exporter.reset(),
  };
}

/** `00-<trace id>-<parent id>-<flags>` split into its fields (W3C Trace Context). */
export function parseTraceparent(value: unknown): { traceId: string; parentId: string; flags: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(String(value));
  if (!match) throw new Error(`not a traceparent: ${String(value)}`);
  return { traceId: match[1]!, parentId: match[2]!, flags: match[3]! };
}
