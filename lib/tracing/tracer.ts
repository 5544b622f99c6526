// Whether this process traces, and its tracer. Off (no tracer) unless startTracing installed a
// provider: the gateway asks activeTracer() once per call and does nothing more when it is off.
// The slot lives on globalThis because Next.js bundles its own copies of lib/ beside the one
// scripts/serve.ts runs, and both must see the provider installed once per process.
import { context, propagation, trace, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import type { TracerProvider } from "@opentelemetry/sdk-trace";

const SLOT = Symbol.for("tollgate.tracing");

type TracingState = { tracer: Tracer; provider: TracerProvider };
type WithSlot = typeof globalThis & { [SLOT]?: TracingState };

export const TRACER_NAME = "tollgate";

/** The tracer when tracing is on, otherwise undefined (the hot path's one check). */
export function activeTracer(): Tracer | undefined {
  return (globalThis as WithSlot)[SLOT]?.tracer;
}

export function tracingProvider(): TracerProvider | undefined {
  return (globalThis as WithSlot)[SLOT]?.provider;
}

/**
 * Makes `provider` this process's tracer provider, registered with the OpenTelemetry API too (W3C
 * trace context, async-local context) so libraries that trace through the API join the same traces.
 * Also the test seam: tests install a provider with an in-memory exporter.
 */
export function installTracerProvider(provider: TracerProvider): void {
  trace.disable();
  propagation.disable();
  context.disable();
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  (globalThis as WithSlot)[SLOT] = { tracer: provider.getTracer(TRACER_NAME), provider };
}

/** Turns tracing off again, exporting what is left (tests; the process's exit). */
export async function uninstallTracing(): Promise<void> {
  const state = (globalThis as WithSlot)[SLOT];
  delete (globalThis as WithSlot)[SLOT];
  trace.disable();
  propagation.disable();
  context.disable();
  await state?.provider.shutdown();
}
