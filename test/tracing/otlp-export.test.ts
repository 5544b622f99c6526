// startTracing as production runs it: off (no tracer) without OTEL_EXPORTER_OTLP_ENDPOINT; with it,
// spans are batched and sent over OTLP/HTTP (JSON) to the collector at that endpoint (a local HTTP server
// here that records what it receives), named by OTEL_SERVICE_NAME, and stopTracing sends the last
// batch before it returns.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { trace } from "@opentelemetry/api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTracing, stopTracing } from "@/lib/tracing/start-tracing";
import { activeTracer } from "@/lib/tracing/tracer";

type Received = { path: string; contentType: string | undefined; body: Buffer };

let collector: http.Server;
let endpoint: string;
const received: Received[] = [];
beforeAll(async () => {
  collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: Buffer.concat(chunks) });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => collector.close(resolve)));

const saved = { endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, name: process.env.OTEL_SERVICE_NAME };
afterEach(async () => {
  await stopTracing();
  for (const [name, value] of [
    ["OTEL_EXPORTER_OTLP_ENDPOINT", saved.endpoint],
    ["OTEL_SERVICE_NAME", saved.name],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("startTracing", () => {
  it("installs nothing without OTEL_EXPORTER_OTLP_ENDPOINT (an empty value included)", () => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    expect(startTracing()).toBe(false);
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = "";
    expect(startTracing()).toBe(false);
    expect(activeTracer()).toBeUndefined();
  });

  it("exports spans over OTLP/HTTP to the endpoint, under OTEL_SERVICE_NAME, and flushes on stop", async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_SERVICE_NAME = "tollgate-under-test";
    expect(startTracing()).toBe(true);
    expect(startTracing()).toBe(true); // once per process: the second call finds it started
    const tracer = activeTracer()!;
    expect(trace.getTracer("anyone")).toBeDefined();
    tracer.startSpan("gateway.call", { attributes: { "tollgate.request_id": "req_exported" } }).end();

    await stopTracing();
    expect(activeTracer()).toBeUndefined();
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe("/v1/traces");
    expect(received[0]!.contentType).toBe("application/json"); // OTLP/HTTP with JSON bodies
    type Attribute = { key: string; value: { stringValue?: string } };
    const body = JSON.parse(received[0]!.body.toString("utf8")) as {
      resourceSpans: { resource: { attributes: Attribute[] }; scopeSpans: { spans: { name: string; attributes: Attribute[] }[] }[] }[];
    };
    const [resourceSpans] = body.resourceSpans;
    expect(resourceSpans!.resource.attributes).toContainEqual({ key: "service.name", value: { stringValue: "tollgate-under-test" } });
    const [span] = resourceSpans!.scopeSpans[0]!.spans;
    expect(span!.name).toBe("gateway.call");
    expect(span!.attributes).toContainEqual({ key: "tollgate.request_id", value: { stringValue: "req_exported" } });
  });
});
