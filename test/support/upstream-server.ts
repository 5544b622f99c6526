// A real HTTP upstream for gateway tests: node:http on 127.0.0.1, a free port, every request
// recorded with its full body. Routes match on the end of the path, so an API whose upstream base
// URL carries a prefix (`${upstream.url}/v1`) reaches them too:
//   …/echo[/…]                 any method: 200 JSON { method, url, headers, body }
//   …/status/{code}            that status, JSON { status } (no body for 204 and 304)
//   …/sse?events=N&intervalMs=M  text/event-stream, `data: {"i":k}` every M ms, N events, then ends
//   …/slow?ms=M                200 JSON { waitedMs } after M ms
//   …/hang                     never answers; the record turns `aborted` when the client goes away
//   …/big?bytes=N              N bytes of 'x' in 64 KiB chunks, application/octet-stream
//   …/headers?set=a:1,b:2      200 with those response headers (hop-by-hop stripping tests)
//   …/compressed?encoding=gzip|br|zstd  a JSON body in that Content-Encoding, whatever was accepted
//   …/cookies?set=C&set=D      200 with one Set-Cookie per `set` (as given), JSON { cookie } of the Cookie it received
//   …/broken?length=N&sent=M&then=reset|stall&status=S
//                              status S (200) with Content-Length N but only M bytes of 'x', then the
//                              socket is reset (TCP RST) or goes silent: a body that never completes
//   …/chunks?count=N&intervalMs=M&then=end|reset|stall
//                              chunked (no Content-Length): N lines M ms apart, then a clean end, a
//                              reset or silence
//   anything else              404 JSON
import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";

export type RecordedRequest = {
  method: string;
  /** raw path + query as received */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** the client went away before the response finished */
  aborted: boolean;
};

export type Upstream = {
  /** e.g. http://127.0.0.1:43123 */
  url: string;
  port: number;
  requests: RecordedRequest[];
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

const CHUNK_BYTES = 64 * 1024;

export async function startUpstream(): Promise<Upstream> {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const record: RecordedRequest = { method: req.method ?? "", url: req.url ?? "", headers: { ...req.headers }, body: "", aborted: false };
    const chunks: Buffer[] = [];
    let recorded = false;
    // A request is visible in `requests` once its body is complete, or once the client gave up
    // while sending it, so tests never see a half-read body as if it were the whole one.
    const publish = () => {
      if (recorded) return;
      recorded = true;
      record.body = Buffer.concat(chunks).toString("utf8");
      requests.push(record);
      for (const wake of waiters) wake();
    };
    const cleanups: (() => void)[] = [];
    res.on("close", () => {
      if (!res.writableFinished) record.aborted = true;
      for (const cleanup of cleanups) cleanup();
      publish();
    });
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      publish();
      route(res, record, (cleanup) => cleanups.push(cleanup));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    waitForRequests(n, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < n) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`upstream: expected ${n} request(s) within ${timeoutMs} ms, got ${requests.length}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // /hang and unfinished streams would otherwise keep close() waiting forever.
        server.closeAllConnections();
      });
    },
  };
}

/** A URL on 127.0.0.1 where nothing listens: the port was free a moment ago (connect-error tests). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

type OnClose = (cleanup: () => void) => void;

function route(res: http.ServerResponse, record: RecordedRequest, onClose: OnClose) {
  const url = new URL(record.url, "http://upstream.invalid");
  const segments = url.pathname.split("/").filter(Boolean);
  const last = segments.at(-1);
  const number = (name: string, fallback: number) => {
    const value = Number(url.searchParams.get(name) ?? fallback);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };

  if (segments.includes("echo")) {
    return json(res, 200, { method: record.method, url: record.url, headers: record.headers, body: record.body });
  }
  if (segments.at(-2) === "status") {
    const code = Number(last);
    if (!Number.isInteger(code) || code < 200 || code > 599) return json(res, 400, { error: `bad status ${last}` });
    if (code === 204 || code === 304) return void res.writeHead(code).end();
    return json(res, code, { status: code });
  }
  switch (last) {
    case "sse":
      return sse(res, number("events", 3), number("intervalMs", 100), onClose);
    case "slow": {
      const waitedMs = number("ms", 1_000);
      const timer = setTimeout(() => json(res, 200, { waitedMs }), waitedMs);
      return onClose(() => clearTimeout(timer));
    }
    case "hang":
      return; // `aborted` is set by the close listener in startUpstream
    case "compressed": {
      // Compressed whatever the client accepts (some upstreams do), with the named encoding.
      const encoding = url.searchParams.get("encoding") ?? "gzip";
      const text = JSON.stringify({ compressed: true, text: "x".repeat(number("repeat", 2000)) });
      const body = encoding === "br" ? zlib.brotliCompressSync(text) : encoding === "gzip" ? zlib.gzipSync(text) : Buffer.from(text);
      return void res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding }).end(body);
    }
    case "big":
      return big(res, number("bytes", CHUNK_BYTES));
    case "headers":
      return headers(res, url.searchParams.get("set") ?? "");
    case "cookies":
      res.setHeader("set-cookie", url.searchParams.getAll("set"));
      return json(res, 200, { cookie: record.headers.cookie ?? null });
    case "broken": {
      res.writeHead(number("status", 200), { "content-type": "application/octet-stream", "content-length": number("length", 1000) });
      res.write(Buffer.alloc(number("sent", 100), "x"));
      return breakOff(res, url.searchParams.get("then"), onClose);
    }
    case "chunks":
      return chunks(res, number("count", 3), number("intervalMs", 50), url.searchParams.get("then"), onClose);
  }
  json(res, 404, { error: "not_found", url: record.url });
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

function sse(res: http.ServerResponse, events: number, intervalMs: number, onClose: OnClose) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.flushHeaders(); // the client sees the stream open before the first event
  if (events === 0) return void res.end();
  let sent = 0;
  const timer = setInterval(() => {
    res.write(`data: ${JSON.stringify({ i: sent++ })}\n\n`);
    if (sent < events) return;
    clearInterval(timer);
    res.end();
  }, intervalMs);
  onClose(() => clearInterval(timer));
}

/** Writes with backpressure, so a slow reader holds the upstream back instead of its memory. */
function big(res: http.ServerResponse, bytes: number) {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes });
  const chunk = Buffer.alloc(CHUNK_BYTES, "x");
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const size = Math.min(left, CHUNK_BYTES);
      left -= size;
      if (!res.write(size === CHUNK_BYTES ? chunk : chunk.subarray(0, size))) return void res.once("drain", pump);
    }
    res.end();
  };
  pump();
}

function headers(res: http.ServerResponse, spec: string) {
  const set: Record<string, string> = {};
  for (const pair of spec.split(",").filter(Boolean)) {
    const colon = pair.indexOf(":");
    if (colon <= 0) return json(res, 400, { error: `bad header spec ${pair}` });
    set[pair.slice(0, colon).trim().toLowerCase()] = pair.slice(colon + 1).trim();
  }
  try {
    for (const [name, value] of Object.entries(set)) res.setHeader(name, value);
  } catch (error) {
    return json(res, 400, { error: String(error) });
  }
  json(res, 200, { set });
}

/** What a misbehaving upstream does once it has sent part of a body. */
function breakOff(res: http.ServerResponse, then: string | null, onClose: OnClose) {
  if (then === "end") return void res.end();
  if (then === "stall") return; // silence until the client gives up; close() ends it
  // A reset right after the last write: the bytes already written still leave first.
  const timer = setTimeout(() => res.socket?.resetAndDestroy(), 20);
  onClose(() => clearTimeout(timer));
}

function chunks(res: http.ServerResponse, count: number, intervalMs: number, then: string | null, onClose: OnClose) {
  res.writeHead(200, { "content-type": "text/plain" });
  res.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < count) return void res.write(`chunk ${sent++}\n`);
    clearInterval(timer);
    breakOff(res, then ?? "end", onClose);
  }, intervalMs);
  onClose(() => clearInterval(timer));
}
