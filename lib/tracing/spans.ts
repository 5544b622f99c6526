// The few span operations the gateways need, each a no-op on `undefined` so call sites stay one line
// and allocate nothing while tracing is off: a server span per call (its parent from the caller's
// W3C traceparent), children with an explicit parent (no context switch on the hot path), the trace
// context injected into the upstream's request headers, and one place that ends a span with an error.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace, type Span, type TextMapGetter } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_URL_PATH,
} from "@opentelemetry/semantic-conventions";
import { activeTracer } from "@/lib/tracing/tracer";

export { SpanKind, type Span };

const propagator = new W3CTraceContextPropagator();

/** The caller's headers by name: a web Headers, or the gateway's CallHeaders on node:http (no Headers object there). */
export type HeaderReader = { get(name: string): string | null | undefined };

// W3C trace context reads only traceparent and tracestate, so no header needs listing.
const fromHeaders: TextMapGetter<HeaderReader> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: () => [],
};

/**
 * A SERVER span for one call, or undefined when tracing is off. A valid `traceparent` (and its
 * `tracestate`) from the caller becomes the parent; an invalid one is ignored and a new trace begins.
 */
export function startCallSpan(name: string, method: string, path: string, incoming: HeaderReader): Span | undefined {
  const tracer = activeTracer();
  if (!tracer) return undefined;
  const parent = incoming.get("traceparent") ? propagator.extract(ROOT_CONTEXT, incoming, fromHeaders) : ROOT_CONTEXT;
  return tracer.startSpan(
    name,
    { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: path } },
    parent,
  );
}

/** A child of `parent` (none when tracing is off, which is when `parent` is undefined). */
export function startChildSpan(parent: Span | undefined, name: string, kind: SpanKind = SpanKind.INTERNAL): Span | undefined {
  if (!parent) return undefined;
  return activeTracer()?.startSpan(name, { kind }, trace.setSpan(ROOT_CONTEXT, parent));
}

/**
 * Runs `work` with `span` as the active span (async-local), for code that cannot be handed the span:
 * the AI gateway's admission and provider calls find it with startActiveChildSpan.
 */
export function runWithSpan<T>(span: Span, work: () => T): T {
  return context.with(trace.setSpan(context.active(), span), work);
}

/** A child of the active span, if tracing is on and a span is active. */
export function startActiveChildSpan(name: string, kind: SpanKind = SpanKind.INTERNAL): Span | undefined {
  if (!activeTracer()) return undefined;
  return startChildSpan(trace.getActiveSpan(), name, kind);
}

// Call spans whose end moved from the handler that started them to the code that settles the call
// (a stream's relay ends after the handler returned).
const handedOff = new WeakSet<Span>();

/** The active span, which the caller now ends (with endCallSpan) instead of the handler that started it. */
export function takeActiveSpan(): Span | undefined {
  if (!activeTracer()) return undefined;
  const span = trace.getActiveSpan();
  if (span) handedOff.add(span);
  return span;
}

/** Ends a call span with its answer's status, unless takeActiveSpan handed it to the settle. */
export function endCallSpanUnlessTaken(span: Span | undefined, status: number, problemCode: string | null | undefined): void {
  if (span && !handedOff.has(span)) endCallSpan(span, status, problemCode);
}

/** Whether this process traces (one check, for call sites that would otherwise prepare a span's inputs). */
export function tracingOn(): boolean {
  return activeTracer() !== undefined;
}

/** Notes a refusal's problem code on the active span (the AI gateway's errors, answered far from their span). */
export function noteProblemCode(code: string): void {
  if (!activeTracer()) return;
  const span = trace.getActiveSpan();
  span?.setAttribute(ATTR_ERROR_TYPE, code);
  span?.setAttribute(TRACE_ATTRIBUTES.problemCode, code);
}

/** Ends `span`; a thrown `error` marks it failed. */
export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) return;
  if (error !== undefined) failSpan(span, error);
  span.end();
}

/** Ends `span` when `work` settles and hands `work` back unchanged (the same promise when tracing is off). */
export function endSpanWhenSettled<T>(span: Span | undefined, work: Promise<T>): Promise<T> {
  if (!span) return work;
  return work.then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      endSpan(span, error);
      throw error;
    },
  );
}

/** Writes the W3C trace context of `span` (traceparent, tracestate) into `headers`, replacing the caller's. */
export function injectTraceContext<T extends Record<string, string>>(span: Span | undefined, headers: T): T {
  if (!span) return headers;
  // The caller's tracestate belongs to its traceparent: kept only when that became our parent (the span carries it).
  delete (headers as Record<string, string>).tracestate;
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, {
    set: (carrier, key, value) => (carrier[key as keyof T] = value as T[keyof T]),
  });
  return headers;
}

/**
 * Ends a call's span with its HTTP status and, for a refusal, its problem code (`error.type`). Only a
 * 5xx marks a SERVER span as failed (OpenTelemetry's HTTP conventions: a 4xx is the caller's).
 */
export function endCallSpan(span: Span | undefined, status: number, problemCode: string | null | undefined): void {
  if (!span) return;
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
  if (problemCode) {
    span.setAttribute(ATTR_ERROR_TYPE, problemCode);
    span.setAttribute(TRACE_ATTRIBUTES.problemCode, problemCode);
  }
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: problemCode ?? String(status) });
  span.end();
}

/**
 * Ends an upstream (CLIENT) span with the status the upstream answered, or with why it did not answer
 * (`timeout`, `unavailable`, …). A client span fails on 4xx too: the request we sent was refused.
 */
export function endUpstreamSpan(span: Span | undefined, answer: number | string): void {
  if (!span) return;
  if (typeof answer === "number") {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, answer);
    if (answer >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: String(answer) });
  } else {
    span.setAttribute(ATTR_ERROR_TYPE, answer);
    span.setStatus({ code: SpanStatusCode.ERROR, message: answer });
  }
  span.end();
}

// The error's name only: its message may name hosts or carry upstream text, and spans leave the process.
function failSpan(span: Span, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  const type = typeof code === "string" ? code : error instanceof Error ? error.name : "error";
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  span.setAttribute(ATTR_ERROR_TYPE, type);
}

/** Tollgate's own attribute names (the standard ones come from @opentelemetry/semantic-conventions). */
export const TRACE_ATTRIBUTES = {
  requestId: "tollgate.request_id",
  apiSlug: "tollgate.api.slug",
  problemCode: "tollgate.problem_code",
  charged: "tollgate.credit.charged",
  refunded: "tollgate.credit.refunded",
  model: "gen_ai.request.model",
  provider: "tollgate.ai.provider",
} as const;
