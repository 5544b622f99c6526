// The gateway as `npm start` serves it: node:http (lib/gateway/node-server.ts) writing the answer
// straight to the socket (lib/gateway/node-call.ts), with no web Request or Response in between.
// What a caller sees on the wire: repeated headers both ways, lengths, HEAD and 304, bodies streamed
// both ways, and a caller who leaves mid-stream (the upstream request is aborted, the call recorded).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { createGatewayFixture } from "../support/gateway-factories";
import { startGatewayServer, type GatewayServer } from "../support/gateway-server";
import { expectLedgerInvariant } from "../support/ledger";
import { usageEventOf } from "../support/usage-event";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createPromptFixture } from "../support/prompt-factories";

let upstream: Upstream;
let server: GatewayServer;
/** An upstream that answers with repeated header lines, which the shared test upstream cannot. */
let repeating: http.Server;
let repeatingUrl: string;
let fakeAi: FakeAiProvider;
beforeAll(async () => {
  upstream = await startUpstream();
  fakeAi = await startFakeAiProvider();
  server = await startGatewayServer();
  repeating = http.createServer((_req, res) => {
    res.writeHead(200, [
      ["content-type", "text/plain"],
      ["content-length", "8"],
      ["x-multi", "one"],
      ["x-multi", "two"],
      ["link", "</a>; rel=next"],
      ["link", "</b>; rel=prev"],
    ]);
    res.end("repeated");
  });
  await new Promise<void>((resolve) => repeating.listen(0, "127.0.0.1", resolve));
  repeatingUrl = `http://127.0.0.1:${(repeating.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
  await upstream.close();
  await new Promise((resolve) => repeating.close(resolve));
  await fakeAi.close();
});

const START = 1_000_000n;
const PRICE = 5_000n;

type Seen = { status: number; headers: http.IncomingHttpHeaders; rawHeaders: string[]; body: Buffer; complete: boolean };

/** One call over a raw node:http client, so repeated header lines and framing are seen as sent. */
function call(
  path: string,
  options: { key: string; method?: string; headers?: string[]; body?: (request: http.ClientRequest) => void } = { key: "" },
): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}${path}`, {
      method: options.method ?? "GET",
      // A list, so a header can be sent twice; node adds no Host to a list itself.
      headers: ["host", "localhost", "authorization", `Bearer ${options.key}`, ...(options.headers ?? [])],
    });
    request.on("error", reject);
    request.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
          complete: res.complete,
        }),
      );
    });
    if (options.body) options.body(request);
    else request.end();
  });
}

function headerLines(seen: Seen, name: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < seen.rawHeaders.length; i += 2) if (seen.rawHeaders[i]!.toLowerCase() === name) lines.push(seen.rawHeaders[i + 1]!);
  return lines;
}

const funded = (upstreamUrl = upstream.url) => createGatewayFixture({ upstreamUrl, balance: START, price: PRICE });

describe("the gateway on node:http", () => {
  it("joins a repeated request header for the upstream, as a web server would", async () => {
    const { slug, key } = await funded();
    const seen = await call(`/api/gateway/${slug}/echo`, { key, headers: ["x-multi", "a", "x-multi", "b"] });
    expect(seen.status).toBe(200);
    expect(JSON.parse(seen.body.toString()).headers["x-multi"]).toBe("a, b");
  });

  it("relays repeated response headers line by line, with the gateway's own headers and an exact Content-Length", async () => {
    const { slug, key, team } = await funded(repeatingUrl);
    const seen = await call(`/api/gateway/${slug}/anything`, { key });
    expect(seen.status).toBe(200);
    expect(seen.body.toString()).toBe("repeated");
    expect(headerLines(seen, "x-multi")).toEqual(["one", "two"]);
    expect(headerLines(seen, "link")).toEqual(["</a>; rel=next", "</b>; rel=prev"]);
    expect(seen.headers["content-length"]).toBe("8");
    expect(seen.headers["transfer-encoding"]).toBeUndefined();
    expect(seen.headers["x-request-id"]).toMatch(/^req_/);
    expect(seen.headers["x-credit-charged"]).toBe("0.005000");
    expect(seen.headers["x-content-type-options"]).toBe("nosniff");
    expect(seen.headers).toHaveProperty("ratelimit-remaining");
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("answers a refusal as problem+json with its length, and no upstream call", async () => {
    const { slug } = await funded();
    const before = upstream.requests.length;
    const seen = await call(`/api/gateway/${slug}/echo`, { key: "tg_test_not-a-key" });
    expect(seen.status).toBe(401);
    expect(seen.headers["content-type"]).toBe("application/problem+json");
    expect(seen.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(Number(seen.headers["content-length"])).toBe(seen.body.byteLength);
    expect(JSON.parse(seen.body.toString())).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect(upstream.requests.length).toBe(before);
  });

  it("answers HEAD with the head only, charged", async () => {
    const { slug, key, team } = await funded();
    const seen = await call(`/api/gateway/${slug}/echo`, { key, method: "HEAD" });
    expect(seen.status).toBe(200);
    expect(seen.body.byteLength).toBe(0);
    expect(seen.headers["x-request-id"]).toMatch(/^req_/);
    expect(upstream.requests.at(-1)!.method).toBe("HEAD");
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("relays a 304 without a body", async () => {
    const { slug, key } = await funded();
    const seen = await call(`/api/gateway/${slug}/status/304`, { key, headers: ["if-none-match", '"v1"'] });
    expect(seen.status).toBe(304);
    expect(seen.body.byteLength).toBe(0);
    expect(upstream.requests.at(-1)!.headers["if-none-match"]).toBe('"v1"');
  });

  it("streams a chunked upload to the upstream whole, and records its size", async () => {
    const { slug, key } = await funded();
    const piece = Buffer.alloc(16 * 1024, "u");
    const seen = await call(`/api/gateway/${slug}/echo`, {
      key,
      method: "POST",
      headers: ["content-type", "application/octet-stream"],
      body: (request) => {
        // No Content-Length: node sends the body chunked, a piece each time the socket drains.
        let left = 40;
        const next = () => {
          while (left-- > 0) if (!request.write(piece)) return void request.once("drain", next);
          request.end();
        };
        next();
      },
    });
    expect(seen.status).toBe(200);
    const echoed = JSON.parse(seen.body.toString());
    expect(echoed.body.length).toBe(40 * piece.byteLength);
    const event = await usageEventOf(String(seen.headers["x-request-id"]));
    expect(Number(event.bytesIn)).toBe(40 * piece.byteLength);
  });

  it("streams a response as it arrives: the first event reaches the caller before the upstream has sent the rest", async () => {
    const { slug, key } = await funded();
    const firstChunk = await new Promise<{ chunk: string; requestId: string; done: Promise<string> }>((resolve, reject) => {
      const request = http.get(`${server.url}/api/gateway/${slug}/sse?events=4&intervalMs=150`, {
        headers: { authorization: `Bearer ${key}` },
      });
      request.on("error", reject);
      request.on("response", (res) => {
        let all = "";
        const done = new Promise<string>((finish) => res.on("end", () => finish(all)));
        res.setEncoding("utf8");
        res.once("data", (chunk: string) => resolve({ chunk, requestId: String(res.headers["x-request-id"]), done }));
        res.on("data", (chunk: string) => (all += chunk));
      });
    });
    expect(firstChunk.chunk).toContain('data: {"i":0}');
    expect(firstChunk.chunk).not.toContain('"i":3');
    const all = await firstChunk.done;
    expect(all.match(/^data: /gm)).toHaveLength(4);
    const event = await usageEventOf(firstChunk.requestId);
    expect(event).toMatchObject({ status: 200, errorCode: null, bytesOut: BigInt(Buffer.byteLength(all)) });
  });

  it("relays a large body completely to a caller that reads slowly (back-pressure, not buffering)", async () => {
    const { slug, key } = await funded();
    const bytes = 4 * 1024 * 1024;
    const received = await new Promise<number>((resolve, reject) => {
      const request = http.get(`${server.url}/api/gateway/${slug}/big?bytes=${bytes}`, { headers: { authorization: `Bearer ${key}` } });
      request.on("error", reject);
      request.on("response", (res) => {
        let total = 0;
        // Paused between reads: the gateway's writes fill the socket and it must wait for drains.
        res.on("data", (chunk: Buffer) => {
          total += chunk.byteLength;
          res.pause();
          setImmediate(() => res.resume());
        });
        res.on("end", () => resolve(total));
      });
    });
    expect(received).toBe(bytes);
  });

  it("aborts the upstream request when the caller leaves mid-stream, and records client_closed_request, charged", async () => {
    const { slug, key, team } = await funded();
    const requestId = await new Promise<string>((resolve, reject) => {
      const request = http.get(`${server.url}/api/gateway/${slug}/sse?events=1000&intervalMs=20`, {
        headers: { authorization: `Bearer ${key}` },
      });
      request.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? undefined : reject(error)));
      request.on("response", (res) => {
        res.once("data", () => {
          resolve(String(res.headers["x-request-id"]));
          request.destroy();
        });
      });
    });
    // The upstream's record of the call turns `aborted` when the gateway drops its request.
    await expect.poll(() => upstream.requests.find((seen) => seen.headers["x-request-id"] === requestId)?.aborted).toBe(true);
    const event = await usageEventOf(requestId);
    expect(event).toMatchObject({ status: 200, errorCode: "client_closed_request", charged: PRICE, refunded: 0n });
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("hands a Prompt API's call to its handler as a web Request, body included, and relays its Response", async () => {
    const fixture = await createPromptFixture({ providerUrl: fakeAi.openAiBaseUrl, fee: 1_000n });
    const seen = await call(`/api/gateway/${fixture.slug}`, {
      key: fixture.key,
      method: "POST",
      headers: ["content-type", "application/json"],
      body: (request) => request.end(JSON.stringify({ text: "Toll gates meter calls", words: 5 })),
    });
    expect(seen.status).toBe(200);
    expect(JSON.parse(seen.body.toString())).toMatchObject({ output: "Echo: Summarise in at most 5 words: Toll gates meter calls" });
    expect(seen.headers["x-prompt-version"]).toBe("1");
    await expectLedgerInvariant(fixture.team.id);
  });
});
