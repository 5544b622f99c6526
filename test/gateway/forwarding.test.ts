// What crosses the gateway: headers stripped and added, the upstream credential injected, bodies
// streamed both ways, and the caller going away cancelling the upstream request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const funded = (extra: Partial<Parameters<typeof createGatewayFixture>[0]> = {}) =>
  createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n, ...extra });

describe("request headers", () => {
  it("strips the caller's key, cookies and hop-by-hop headers, injects the credential and sets X-Forwarded-*", async () => {
    const { slug, key } = await funded({ credential: { header: "X-Upstream-Token", value: "upstream-secret" } });
    const response = await callGateway(slug, "/echo", {
      key,
      headers: {
        cookie: "authjs.session-token=abc",
        connection: "keep-alive, x-drop-me",
        "x-drop-me": "1",
        "keep-alive": "timeout=5",
        "proxy-authorization": "Basic Zm9vOmJhcg==",
        "x-forwarded-for": "198.51.100.1",
        "x-tollgate-peer": "ip=10.0.0.1; proto=https",
        "x-request-id": "caller-chosen",
        "x-custom": "kept",
        "x-api-key": key,
      },
    });
    const { headers } = await response.json();
    expect(headers["x-custom"]).toBe("kept");
    expect(headers["x-upstream-token"]).toBe("upstream-secret");
    for (const name of ["authorization", "x-api-key", "cookie", "x-drop-me", "keep-alive", "proxy-authorization", "x-tollgate-peer"]) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(JSON.stringify(headers)).not.toContain(key);
    expect(headers["x-forwarded-for"]).toBe("203.0.113.7"); // the caller's own X-Forwarded-For is not vouched for
    expect(headers["x-forwarded-proto"]).toBe("http");
    expect(headers["x-forwarded-host"]).toBe("localhost:3000");
    expect(headers["x-request-id"]).toBe(response.headers.get("x-request-id"));
  });

  it("drops hop-by-hop response headers and upstream attempts to forge accounting headers", async () => {
    const { slug, key } = await funded();
    const response = await callGateway(
      slug,
      "/headers?set=x-custom:yes,keep-alive:timeout=1,proxy-authenticate:Basic,x-credit-balance:999",
      { key },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-custom")).toBe("yes");
    expect(response.headers.get("proxy-authenticate")).toBeNull();
    expect(response.headers.get("keep-alive")).toBeNull();
    expect(response.headers.get("x-credit-balance")).toBe("0.999000");
  });
});

describe("bodies", () => {
  it("streams a request body to the upstream", async () => {
    const { slug, key } = await funded();
    const payload = JSON.stringify({ hello: "world", list: Array.from({ length: 1000 }, (_, i) => i) });
    const response = await callGateway(slug, "/echo", {
      key,
      method: "POST",
      body: payload,
      headers: { "content-type": "application/json" },
    });
    const echoed = await response.json();
    expect(echoed.method).toBe("POST");
    expect(echoed.body).toBe(payload);
    expect(echoed.headers["content-type"]).toBe("application/json");
  });

  it("relays a large response body intact", async () => {
    const { slug, key } = await funded();
    const response = await callGateway(slug, "/big?bytes=3000000", { key });
    expect((await response.arrayBuffer()).byteLength).toBe(3_000_000);
  });

  it("asks the upstream for identity encoding and decodes gzip or brotli bodies sent anyway", async () => {
    const { slug, key } = await funded();
    const echoed = await (await callGateway(slug, "/echo", { key, headers: { "accept-encoding": "gzip, br" } })).json();
    expect(echoed.headers["accept-encoding"]).toBe("identity");
    for (const encoding of ["gzip", "br"]) {
      const response = await callGateway(slug, `/compressed?encoding=${encoding}`, { key, headers: { "accept-encoding": "gzip" } });
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(await response.json()).toMatchObject({ compressed: true });
    }
  });

  it("refuses, uncharged, a body in an encoding it cannot decode", async () => {
    const { slug, key, team } = await funded();
    const response = await callGateway(slug, "/compressed?encoding=zstd", { key });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "upstream_unavailable" });
    const { ledgerInvariant } = await import("../support/ledger");
    expect((await ledgerInvariant(team.id)).balance).toBe(1_000_000n);
  });

  it("delivers the first server-sent event before the upstream has finished", async () => {
    const { slug, key } = await funded();
    const started = Date.now();
    const response = await callGateway(slug, "/sse?events=5&intervalMs=300", { key });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const first = await reader.read();
    const firstAt = Date.now() - started;
    expect(new TextDecoder().decode(first.value)).toContain('data: {"i":0}');
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    const doneAt = Date.now() - started;
    expect(rest).toContain('data: {"i":4}');
    expect(firstAt).toBeLessThan(doneAt - 900); // four more events, 300 ms apart, came later
  });
});

describe("cancellation", () => {
  it("cancels the upstream request when the caller aborts while waiting", async () => {
    const { slug, key } = await funded();
    const controller = new AbortController();
    const before = upstream.requests.length;
    const pending = callGateway(slug, "/hang", { key, signal: controller.signal });
    await upstream.waitForRequests(before + 1);
    controller.abort();
    const response = await pending;
    expect(response.status).toBe(499);
    await expect.poll(() => upstream.requests.at(-1)!.aborted).toBe(true);
  });

  it("closes the upstream connection when the caller stops reading a stream", async () => {
    const { slug, key } = await funded();
    const before = upstream.requests.length;
    const response = await callGateway(slug, "/sse?events=100&intervalMs=50", { key });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await upstream.waitForRequests(before + 1);
    await expect.poll(() => upstream.requests.at(-1)!.aborted).toBe(true);
  });
});
