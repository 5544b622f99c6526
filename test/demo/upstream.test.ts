// The built-in demo upstream (lib/demo/upstream.ts), called with plain Fetch API requests.
import { describe, expect, it } from "vitest";
import { handleDemoRequest } from "@/lib/demo/upstream";
import { DEMO_QUOTES } from "@/lib/demo/quotes";

const BASE = "http://localhost:3000/api/demo";

function call(path: string, init?: RequestInit): Promise<Response> {
  const url = new URL(`${BASE}/${path}`);
  const segments = url.pathname.slice("/api/demo/".length).split("/").map(decodeURIComponent);
  return handleDemoRequest(new Request(url, init), segments);
}

async function readEvents(response: Response): Promise<string[]> {
  const text = await response.text();
  return text.split("\n\n").filter(Boolean);
}

describe("echo", () => {
  it("answers with what it received, without cookies and with credentials redacted", async () => {
    const response = await call("echo/a/b?x=1&x=2&y=3", {
      method: "POST",
      headers: { "content-type": "text/plain", cookie: "session=secret", authorization: "Bearer tg_live_x", "x-custom": "yes" },
      body: "hello",
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      method: "POST",
      path: "/api/demo/echo/a/b",
      query: { x: ["1", "2"], y: "3" },
      body: "hello",
      bodyTruncated: false,
    });
    expect(body.headers["x-custom"]).toBe("yes");
    expect(body.headers.authorization).toBe("[redacted]");
    expect(body.headers).not.toHaveProperty("cookie");
    expect(Date.parse(body.receivedAt)).not.toBeNaN();
  });

  it("accepts every method and has no body for GET", async () => {
    for (const method of ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await call("echo", { method });
      expect(response.status).toBe(200);
      expect((await response.json()).method).toBe(method);
    }
    expect((await (await call("echo")).json()).body).toBeNull();
  });

  it("truncates the body to 64 KiB", async () => {
    const response = await call("echo", { method: "POST", body: "x".repeat(70 * 1024) });
    const body = await response.json();
    expect(body.body).toHaveLength(64 * 1024);
    expect(body.bodyTruncated).toBe(true);
  });
});

describe("quote", () => {
  it("returns one of the built-in quotes, or the one asked for", async () => {
    const random = await (await call("quote")).json();
    expect(DEMO_QUOTES).toContainEqual(random);
    expect(await (await call("quote?id=3")).json()).toEqual(DEMO_QUOTES[2]);
    const missing = await call("quote?id=999");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
  });

  it("is read-only", async () => {
    const response = await call("quote", { method: "POST", body: "{}" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await call("quote", { method: "OPTIONS" })).status).toBe(204);
  });
});

describe("status", () => {
  it("answers with the requested status", async () => {
    const teapot = await call("status/418");
    expect(teapot.status).toBe(418);
    expect(await teapot.json()).toEqual({ status: 418, reason: "I'm a Teapot" });
    expect((await call("status/503", { method: "POST" })).status).toBe(503);
    const noContent = await call("status/204");
    expect(noContent.status).toBe(204);
    expect(await noContent.text()).toBe("");
  });

  it.each(["99", "600", "abc", "2000", "150"])("rejects %s with 400", async (code) => {
    const response = await call(`status/${code}`);
    expect(response.status).toBe(400);
    expect((await response.json()).status).toBe(400);
  });
});

describe("stream", () => {
  it("emits count server-sent events", async () => {
    const response = await call("stream?count=3&intervalMs=0");
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await readEvents(response)).toEqual(['id: 1\ndata: {"n":1}', 'id: 2\ndata: {"n":2}', 'id: 3\ndata: {"n":3}']);
  });

  it("defaults to 5 events and validates its parameters", async () => {
    expect(await readEvents(await call("stream?intervalMs=0"))).toHaveLength(5);
    expect((await call("stream?count=51")).status).toBe(400);
    expect((await call("stream?intervalMs=2001")).status).toBe(400);
    expect((await call("stream?count=two")).status).toBe(400);
  });

  it("stops when the caller goes away", async () => {
    const controller = new AbortController();
    const response = await call("stream?count=50&intervalMs=2000", { signal: controller.signal });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"n":1');
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it("stops when the reader cancels", async () => {
    const response = await call("stream?count=50&intervalMs=2000");
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});

describe("delay", () => {
  it("answers after the delay", async () => {
    const started = Date.now();
    const response = await call("delay?ms=50");
    expect(response.status).toBe(200);
    expect((await response.json()).delayedMs).toBe(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect((await call("delay?ms=30001")).status).toBe(400);
  });

  it("gives up as soon as the caller goes away", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const response = await call("delay?ms=30000", { signal: controller.signal });
    expect(response.status).toBe(499);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

it("answers unknown paths with a 404 problem", async () => {
  for (const path of ["nope", "quote/extra", "status", "status/200/more"]) {
    const response = await call(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ type: "about:blank", title: "Not Found", status: 404 });
  }
});
