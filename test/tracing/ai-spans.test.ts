// Traces of real AI gateway calls (issue 17.3): the official OpenAI SDK answered in-process by the AI
// gateway, against the fake provider, with an in-memory exporter installed through lib/tracing's seam.
// An admitted call is one ai.call span (SERVER) with the reservation, the provider call (CLIENT) and
// the settle as children, ended by the settle (after the last byte of a stream); a refusal before the
// reservation carries its problem code.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { uninstallTracing } from "@/lib/tracing/tracer";
import { TRACE_ATTRIBUTES } from "@/lib/tracing/spans";
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture, openAiClient } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { traceInMemory, type TraceCapture } from "../support/tracing";

let fake: FakeAiProvider;
let traces: TraceCapture;
beforeAll(async () => {
  fake = await startFakeAiProvider();
  traces = traceInMemory();
});
afterAll(async () => {
  await uninstallTracing();
  await fake.close();
});
beforeEach(() => traces.reset());

const messages = [{ role: "user" as const, content: "Trace this call through the gateway" }];

function callSpans(requestId: string): Record<string, ReadableSpan> {
  return traces.callTree("ai.call", requestId);
}

describe("a traced AI call", () => {
  it("is an ai.call span with the reservation, the provider call and the settle as children", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, fee: 100n });
    const { client } = openAiClient(fixture.key);
    const { response } = await client.chat.completions.create({ model: fixture.model.publicId, messages }).withResponse();
    const requestId = response.headers.get("x-request-id")!;
    const charged = Number(response.headers.get("x-credit-charged")!.replace(".", ""));

    const spans = callSpans(requestId);
    expect(Object.keys(spans).sort()).toEqual(["ai.call", "ai.provider", "ai.reserve", "ai.settle"]);
    expect(spans["ai.call"]!.kind).toBe(SpanKind.SERVER);
    expect(spans["ai.call"]!.attributes).toMatchObject({
      [TRACE_ATTRIBUTES.requestId]: requestId,
      [TRACE_ATTRIBUTES.apiSlug]: fixture.api.slug,
      [TRACE_ATTRIBUTES.model]: fixture.model.publicId,
      [TRACE_ATTRIBUTES.charged]: charged,
      "http.request.method": "POST",
      "url.path": "/api/ai/v1/chat/completions",
      "http.response.status_code": 200,
    });
    expect(spans["ai.provider"]!.kind).toBe(SpanKind.CLIENT);
    expect(spans["ai.provider"]!.attributes).toMatchObject({
      [TRACE_ATTRIBUTES.model]: fixture.model.publicId,
      [TRACE_ATTRIBUTES.provider]: fixture.provider.slug,
      "http.response.status_code": 200,
    });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n - BigInt(charged));
  });

  it("ends a stream's ai.call span at its settle, after the last chunk", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const { client } = openAiClient(fixture.key);
    const { data: stream, response } = await client.chat.completions
      .create({ model: fixture.model.publicId, messages, stream: true })
      .withResponse();
    const requestId = response.headers.get("x-request-id")!;
    let lastChunkAt = 0;
    for await (const chunk of stream) if (chunk) lastChunkAt = performance.timeOrigin + performance.now();

    // The settle runs once the relay saw the end of the stream: wait for the span it ends.
    await vi.waitFor(() => expect(traces.spans().some((span) => span.name === "ai.call")).toBe(true));
    const spans = callSpans(requestId);
    expect(Object.keys(spans).sort()).toEqual(["ai.call", "ai.provider", "ai.reserve", "ai.settle"]);
    const [seconds, nanos] = spans["ai.call"]!.endTime;
    expect(seconds * 1000 + nanos / 1e6).toBeGreaterThanOrEqual(lastChunkAt - 5);
    expect(spans["ai.call"]!.attributes["http.response.status_code"]).toBe(200);
    await expectLedgerInvariant(fixture.team.id);
  });

  it("records a refusal's problem code on the call span, with no provider call", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: 1n, fee: 1_000n });
    const before = fake.requests.length;
    const response = await handleAiRequest(
      new Request("http://localhost:3000/api/ai/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: fixture.model.publicId, messages }),
      }),
    );
    expect(response.status).toBe(402);
    const spans = callSpans(response.headers.get("x-request-id")!);
    expect(Object.keys(spans).sort()).toEqual(["ai.call", "ai.reserve"]);
    expect(spans["ai.call"]!.attributes).toMatchObject({
      "http.response.status_code": 402,
      [TRACE_ATTRIBUTES.problemCode]: "insufficient_credit",
    });
    expect(spans["ai.call"]!.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(1n);
  });
});
