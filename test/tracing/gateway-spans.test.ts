// Traces of real gateway calls (issue 17.3): an in-memory exporter installed through lib/tracing's
// seam, a real upstream and PostgreSQL. Each call is one gateway.call span (SERVER) with its
// admission, charge, upstream call (CLIENT) and refund as children; the upstream receives a W3C
// traceparent of the call's trace whose parent is the upstream span; a caller's traceparent becomes
// the call span's parent. With tracing off nothing is recorded and a caller's traceparent passes
// through unchanged.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { uninstallTracing } from "@/lib/tracing/tracer";
import { TRACE_ATTRIBUTES } from "@/lib/tracing/spans";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { startGatewayServer, type GatewayServer } from "../support/gateway-server";
import { expectLedgerInvariant } from "../support/ledger";
import { parseTraceparent, traceInMemory, type TraceCapture } from "../support/tracing";

const START = 1_000_000n;
const PRICE = 2_000n;

let upstream: Upstream;
let server: GatewayServer;
let traces: TraceCapture;
beforeAll(async () => {
  upstream = await startUpstream();
  server = await startGatewayServer();
  traces = traceInMemory();
});
afterAll(async () => {
  await uninstallTracing();
  await server.close();
  await upstream.close();
});
beforeEach(() => traces.reset());

function callSpans(requestId: string): Record<string, ReadableSpan> {
  return traces.callTree("gateway.call", requestId);
}

function lastUpstreamRequest() {
  return upstream.requests.at(-1)!;
}

describe("a traced gateway call", () => {
  it("is a gateway.call span with admission, charge and upstream children, and the upstream joins its trace", async () => {
    const { slug, key, team, api } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const response = await callGateway(slug, "/echo?x=1", { key });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id")!;

    const spans = callSpans(requestId);
    expect(Object.keys(spans).sort()).toEqual(["gateway.admit", "gateway.call", "gateway.charge", "gateway.upstream"]);
    const call = spans["gateway.call"]!;
    expect(call.kind).toBe(SpanKind.SERVER);
    expect(call.parentSpanContext).toBeUndefined();
    expect(call.attributes).toMatchObject({
      [TRACE_ATTRIBUTES.requestId]: requestId,
      [TRACE_ATTRIBUTES.apiSlug]: api.slug,
      [TRACE_ATTRIBUTES.charged]: Number(PRICE),
      [TRACE_ATTRIBUTES.refunded]: 0,
      "http.request.method": "GET",
      "url.path": "/echo",
      "http.response.status_code": 200,
    });
    expect(call.attributes["tollgate.problem_code"]).toBeUndefined();
    expect(call.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(spans["gateway.upstream"]!.kind).toBe(SpanKind.CLIENT);
    expect(spans["gateway.upstream"]!.attributes["http.response.status_code"]).toBe(200);

    const sent = parseTraceparent(lastUpstreamRequest().headers.traceparent);
    expect(sent.traceId).toBe(call.spanContext().traceId);
    expect(sent.parentId).toBe(spans["gateway.upstream"]!.spanContext().spanId);
    expect(sent.flags).toBe("01");
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("takes a caller's traceparent as the parent of its span and passes the trace on", async () => {
    const { slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const callerSpan = "00f067aa0ba902b7";
    const response = await callGateway(slug, "/echo", {
      key,
      headers: { traceparent: `00-${callerTrace}-${callerSpan}-01`, tracestate: "vendor=caller" },
    });
    expect(response.status).toBe(200);

    const spans = callSpans(response.headers.get("x-request-id")!);
    const call = spans["gateway.call"]!;
    expect(call.spanContext().traceId).toBe(callerTrace);
    expect(call.parentSpanContext).toMatchObject({ traceId: callerTrace, spanId: callerSpan, isRemote: true });

    const sent = lastUpstreamRequest().headers;
    expect(parseTraceparent(sent.traceparent)).toEqual({
      traceId: callerTrace,
      parentId: spans["gateway.upstream"]!.spanContext().spanId,
      flags: "01",
    });
    expect(sent.tracestate).toBe("vendor=caller");
  });

  it("ignores a malformed traceparent (and its tracestate) and starts a trace of its own", async () => {
    const { slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const response = await callGateway(slug, "/echo", { key, headers: { traceparent: "00-not-a-trace-01", tracestate: "vendor=orphan" } });
    expect(response.status).toBe(200);
    const call = callSpans(response.headers.get("x-request-id")!)["gateway.call"]!;
    expect(call.parentSpanContext).toBeUndefined();
    expect(parseTraceparent(lastUpstreamRequest().headers.traceparent).traceId).toBe(call.spanContext().traceId);
    // The caller's tracestate went with its (invalid) traceparent: it is not attached to the new trace.
    expect(lastUpstreamRequest().headers.tracestate).toBeUndefined();
  });

  it("records a refused call's problem code, with no charge made and nothing sent upstream", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: PRICE - 1n, price: PRICE });
    const before = upstream.requests.length;
    const response = await callGateway(slug, "/echo", { key });
    expect(response.status).toBe(402);
    const spans = callSpans(response.headers.get("x-request-id") ?? ((await response.json()) as { requestId: string }).requestId);
    expect(Object.keys(spans).sort()).toEqual(["gateway.admit", "gateway.call", "gateway.charge"]);
    expect(spans["gateway.call"]!.attributes).toMatchObject({
      "http.response.status_code": 402,
      "error.type": "insufficient_credit",
      [TRACE_ATTRIBUTES.problemCode]: "insufficient_credit",
      [TRACE_ATTRIBUTES.charged]: 0,
    });
    // A 4xx is the caller's: the server span is not marked failed; the admission that refused is.
    expect(spans["gateway.call"]!.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(spans["gateway.admit"]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans["gateway.admit"]!.attributes["error.type"]).toBe("insufficient_credit");
    expect(upstream.requests.length).toBe(before);
    expect(await expectLedgerInvariant(team.id)).toBe(PRICE - 1n);
  });

  it("has a gateway.settle span when an upstream failure is refunded", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const response = await callGateway(slug, "/status/503", { key });
    expect(response.status).toBe(503);
    await response.arrayBuffer();
    const spans = callSpans(response.headers.get("x-request-id")!);
    expect(Object.keys(spans).sort()).toEqual(["gateway.admit", "gateway.call", "gateway.charge", "gateway.settle", "gateway.upstream"]);
    expect(spans["gateway.upstream"]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans["gateway.call"]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans["gateway.call"]!.attributes).toMatchObject({
      [TRACE_ATTRIBUTES.charged]: Number(PRICE),
      [TRACE_ATTRIBUTES.refunded]: Number(PRICE),
    });
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });

  it("names the failure on the upstream span when the upstream cannot be reached", async () => {
    const { closedPortUrl } = await import("../support/upstream-server");
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: await closedPortUrl(), balance: START, price: PRICE });
    const response = await callGateway(slug, "/anything", { key });
    expect(response.status).toBe(502);
    const spans = callSpans(((await response.json()) as { requestId: string }).requestId);
    expect(spans["gateway.upstream"]!.attributes["error.type"]).toBe("unavailable");
    expect(spans["gateway.settle"]).toBeDefined();
    expect(spans["gateway.call"]!.attributes).toMatchObject({ "http.response.status_code": 502, "error.type": "upstream_unavailable" });
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });

  it("is traced the same through the production server's node:http mount", async () => {
    const { slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const callerTrace = "0af7651916cd43dd8448eb211c80319c";
    const response = await fetch(`${server.url}/api/gateway/${slug}/echo`, {
      headers: { authorization: `Bearer ${key}`, traceparent: `00-${callerTrace}-b7ad6b7169203331-01` },
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const spans = callSpans(response.headers.get("x-request-id")!);
    expect(spans["gateway.call"]!.spanContext().traceId).toBe(callerTrace);
    expect(parseTraceparent(lastUpstreamRequest().headers.traceparent).parentId).toBe(spans["gateway.upstream"]!.spanContext().spanId);
  });
});

describe("tracing off", () => {
  it("records nothing and passes a caller's traceparent through unchanged", async () => {
    await uninstallTracing();
    try {
      const { slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
      const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
      const response = await callGateway(slug, "/echo", { key, headers: { traceparent } });
      expect(response.status).toBe(200);
      expect(lastUpstreamRequest().headers.traceparent).toBe(traceparent);
      expect(traces.spans()).toEqual([]);
    } finally {
      traces = traceInMemory();
    }
  });
});
