// The gateway tests' upstream (test/support/upstream-server.ts), called directly over HTTP.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl, startUpstream, type Upstream } from "./upstream-server";

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

/** Raw node:http GET: fetch hides hop-by-hop response headers, which the headers route is for. */
function rawGet(path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${upstream.url}${path}`, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on("error", reject);
  });
}

describe("upstream server", () => {
  it("echoes and records any method under any prefix, with the full body", async () => {
    const before = upstream.requests.length;
    const body = "y".repeat(200_000);
    const response = await fetch(`${upstream.url}/v1/echo/a/b?x=1&x=2`, { method: "PUT", headers: { "x-trace": "t1" }, body });
    expect(response.status).toBe(200);
    const echoed = await response.json();
    expect(echoed).toMatchObject({ method: "PUT", url: "/v1/echo/a/b?x=1&x=2", body });
    expect(echoed.headers["x-trace"]).toBe("t1");
    await upstream.waitForRequests(before + 1);
    expect(upstream.requests[before]).toMatchObject({ method: "PUT", url: "/v1/echo/a/b?x=1&x=2", body, aborted: false });
  });

  it("answers /status/{code}, without a body for 204", async () => {
    const teapot = await fetch(`${upstream.url}/p/status/503`);
    expect(teapot.status).toBe(503);
    expect(await teapot.json()).toEqual({ status: 503 });
    const empty = await fetch(`${upstream.url}/status/204`);
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
  });

  it("streams server-sent events one at a time", async () => {
    const started = Date.now();
    const response = await fetch(`${upstream.url}/sse?events=3&intervalMs=150`);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(first.value).toBe('data: {"i":0}\n\n');
    const firstAt = Date.now() - started;
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    expect(rest).toBe('data: {"i":1}\n\ndata: {"i":2}\n\n');
    expect(Date.now() - started - firstAt).toBeGreaterThanOrEqual(250); // the rest came later, not in one burst
  });

  it("answers /slow after the delay", async () => {
    const started = Date.now();
    const response = await fetch(`${upstream.url}/slow?ms=120`);
    expect(await response.json()).toEqual({ waitedMs: 120 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("marks a /hang request aborted when the client goes away", async () => {
    const before = upstream.requests.length;
    const controller = new AbortController();
    const pending = fetch(`${upstream.url}/x/hang`, { method: "POST", body: "hi", signal: controller.signal });
    await upstream.waitForRequests(before + 1);
    const record = upstream.requests[before]!;
    expect(record).toMatchObject({ url: "/x/hang", body: "hi", aborted: false });
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => record.aborted).toBe(true);
  });

  it("streams /big in full", async () => {
    const bytes = 3 * 64 * 1024 + 17;
    const response = await fetch(`${upstream.url}/big?bytes=${bytes}`);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(bytes);
    expect(body.every((byte) => byte === 0x78)).toBe(true);
  });

  it("sets the response headers /headers is asked for, hop-by-hop ones included", async () => {
    const response = await rawGet("/headers?set=x-custom:one,keep-alive:timeout=9,proxy-authenticate:Basic");
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ "x-custom": "one", "keep-alive": "timeout=9", "proxy-authenticate": "Basic" });
  });

  it("answers 404 elsewhere and still records the request", async () => {
    const before = upstream.requests.length;
    const response = await fetch(`${upstream.url}/nothing/here`);
    expect(response.status).toBe(404);
    await upstream.waitForRequests(before + 1);
    expect(upstream.requests[before]!.url).toBe("/nothing/here");
  });

  it("breaks a body off: /broken declares more than it sends, then resets or stalls", async () => {
    const partial = (path: string) =>
      new Promise<{ status: number; declared: string | undefined; received: number; outcome: string }>((resolve) => {
        const request = http.get(`${upstream.url}${path}`, (res) => {
          let received = 0;
          const done = (outcome: string) =>
            resolve({ status: res.statusCode!, declared: res.headers["content-length"], received, outcome });
          res.on("data", (chunk: Buffer) => (received += chunk.length));
          res.on("end", () => done("end"));
          res.on("error", () => done("error"));
          res.on("aborted", () => done("aborted"));
          request.setTimeout(300, () => {
            done("silent");
            request.destroy();
          });
        });
        request.on("error", (error) => void error); // the reset also reaches the request: expected here
      });
    expect(await partial("/broken?length=1000&sent=100&then=reset&status=201")).toMatchObject({ status: 201, declared: "1000" });
    expect((await partial("/broken?length=1000&sent=100&then=reset")).outcome).not.toBe("end");
    expect(await partial("/broken?length=1000&sent=100&then=stall")).toMatchObject({ received: 100, outcome: "silent" });
  });

  it("sends /chunks without a length, then ends, resets or stalls", async () => {
    const ended = await fetch(`${upstream.url}/chunks?count=3&intervalMs=10`);
    expect(ended.headers.get("content-length")).toBeNull();
    expect(await ended.text()).toBe("chunk 0\nchunk 1\nchunk 2\n");
    const reset = await fetch(`${upstream.url}/chunks?count=2&intervalMs=10&then=reset`);
    await expect(reset.text()).rejects.toThrow();
  });

  it("waitForRequests fails with a count when too few arrive", async () => {
    await expect(upstream.waitForRequests(upstream.requests.length + 1, 50)).rejects.toThrow(/within 50 ms/);
  });

  it("closedPortUrl gives a URL that refuses connections", async () => {
    const url = await closedPortUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(url)).rejects.toThrow();
  });

  it("close() ends connections that are still open", async () => {
    const other = await startUpstream();
    const pending = fetch(`${other.url}/hang`).catch((error: unknown) => error);
    await other.waitForRequests(1);
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(other.requests[0]!.aborted).toBe(true);
  });
});
