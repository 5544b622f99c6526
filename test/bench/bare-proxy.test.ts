// The bench's baseline proxy (bench/bare-proxy.ts) must do a real proxy's work, or the gateway's
// ratio over it flatters nobody honestly: request and response bodies through, status and
// end-to-end headers copied, hop-by-hop headers (and those Connection names) dropped.
import http from "node:http";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { forkServer } from "@/bench/fork-server";
import { ChildGroup } from "@/scripts/lib/app-instances";
import { startUpstream, type Upstream } from "../support/upstream-server";

let upstream: Upstream;
let proxy: string;
const children = new ChildGroup();

beforeAll(async () => {
  upstream = await startUpstream();
  proxy = await forkServer("bare-proxy.ts", children, { BARE_PROXY_UPSTREAM: upstream.url });
});

afterAll(async () => {
  await children.stopAll();
  await upstream.close();
});

describe("the bench's bare proxy", () => {
  it("forwards method, path, query and body, with end-to-end headers only", async () => {
    const body = "x".repeat(200_000);
    // node:http sends a Connection header as given (undici's client keeps its own).
    const echoed = await new Promise<{ method: string; url: string; body: string; headers: Record<string, string> }>((resolve, reject) => {
      const sent = http.request(`${proxy}/echo/a?b=1`, {
        method: "POST",
        headers: { "content-type": "text/plain", "x-kept": "yes", "x-hop": "no", connection: "keep-alive, x-hop", te: "trailers" },
      });
      sent.on("response", async (answer) => {
        expect(answer.statusCode).toBe(200);
        resolve(JSON.parse(await text(answer)));
      });
      sent.on("error", reject);
      sent.end(body);
    });
    expect(echoed).toMatchObject({ method: "POST", url: "/echo/a?b=1", body });
    expect(echoed.headers["x-kept"]).toBe("yes");
    expect(echoed.headers["x-hop"]).toBeUndefined();
    expect(echoed.headers.te).toBeUndefined();
    expect(echoed.headers.host).toBe(new URL(upstream.url).host);
  });

  it("copies the upstream's status, headers and a large body", async () => {
    const teapot = await request(`${proxy}/status/418`);
    expect(teapot.statusCode).toBe(418);
    await teapot.body.dump();
    const headers = await request(`${proxy}/headers?set=x-up:1`);
    expect(headers.headers["x-up"]).toBe("1");
    await headers.body.dump();
    const big = await request(`${proxy}/big?bytes=3000000`);
    expect(big.statusCode).toBe(200);
    expect((await big.body.arrayBuffer()).byteLength).toBe(3_000_000);
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    const unreachable = new ChildGroup();
    const nowhere = await forkServer("bare-proxy.ts", unreachable, { BARE_PROXY_UPSTREAM: "http://127.0.0.1:9" });
    try {
      const answer = await request(`${nowhere}/ping`);
      expect(answer.statusCode).toBe(502);
      await answer.body.dump();
    } finally {
      await unreachable.stopAll();
    }
  });
});
