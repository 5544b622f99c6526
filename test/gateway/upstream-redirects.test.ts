// Issue 15, point 9: an upstream's 3xx reaches the caller, never followed by the gateway; its Location is
// rewritten onto the API's gateway path when it points inside the API's upstream base URL, otherwise
// it passes unchanged. Against a real upstream on node:http that answers every path with a redirect.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayLocation } from "@/lib/gateway/redirect-location";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";

type Redirector = { origin: string; paths: string[]; close: () => Promise<void> };

/** Answers `?status=…&to=…` with that redirect, or 200 for a path without `to`; records every path asked for. */
async function startRedirector(): Promise<Redirector> {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://upstream.invalid");
    const to = url.searchParams.get("to");
    if (to === null) return void res.writeHead(200, { "content-type": "text/plain" }).end("arrived");
    res.writeHead(Number(url.searchParams.get("status") ?? 302), { location: to, "content-length": "0" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let upstream: Redirector;
beforeAll(async () => void (upstream = await startRedirector()));
afterAll(() => upstream.close());

const PRICE = 3_000n;
const START = 1_000_000n;

async function redirectVia(location: string, { status = 302, from = "/start" } = {}) {
  const fixture = await createGatewayFixture({ upstreamUrl: `${upstream.origin}/v1`, balance: START, price: PRICE });
  const before = upstream.paths.length;
  const response = await callGateway(fixture.slug, `${from}?status=${status}&to=${encodeURIComponent(location)}`, { key: fixture.key });
  await response.arrayBuffer();
  return { ...fixture, response, asked: upstream.paths.slice(before) };
}

describe("the gateway and an upstream's redirect", () => {
  it.each([301, 302, 303, 307, 308])("passes a %i on without following it, charged once as an answered call", async (status) => {
    const { response, asked, slug, team } = await redirectVia("/v1/elsewhere", { status });
    expect(response.status).toBe(status);
    expect(response.headers.get("location")).toBe(`http://localhost:3000/api/gateway/${slug}/elsewhere`);
    expect(response.headers.get("x-credit-charged")).toBe("0.003000");
    expect(asked).toHaveLength(1); // the target was never requested by the gateway
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("rewrites an absolute Location inside the base, keeping the query and fragment", async () => {
    const { response, slug } = await redirectVia(`${upstream.origin}/v1/items/7?page=2#top`);
    expect(response.headers.get("location")).toBe(`http://localhost:3000/api/gateway/${slug}/items/7?page=2#top`);
  });

  it("resolves a relative Location against the called path before deciding", async () => {
    const { response, slug } = await redirectVia("next", { from: "/docs/start" });
    expect(response.headers.get("location")).toBe(`http://localhost:3000/api/gateway/${slug}/docs/next`);
  });

  it.each([
    ["another host", "https://login.example.com/authorize?client=1"],
    ["the same host outside the base path", "/v10/other"],
    ["the same host's root", "/"],
  ])("passes a Location to %s unchanged", async (_label, location) => {
    const { response } = await redirectVia(location);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(location);
  });

  it("leaves the Location of an answer that is not a redirect alone", async () => {
    const fixture = await createGatewayFixture({ upstreamUrl: `${upstream.origin}/v1`, balance: START, price: PRICE });
    const response = await callGateway(fixture.slug, `/made?status=201&to=${encodeURIComponent("/v1/made/1")}`, { key: fixture.key });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/v1/made/1");
  });
});

describe("gatewayLocation", () => {
  const base = "https://api.example.com/v1/";
  const called = "https://api.example.com/v1/a/b";
  it.each([
    ["/v1", "http://localhost:3000/api/gateway/shop"],
    ["/v1/", "http://localhost:3000/api/gateway/shop/"],
    ["../c", "http://localhost:3000/api/gateway/shop/c"],
    ["https://API.example.com:443/v1/x", "http://localhost:3000/api/gateway/shop/x"],
    ["http://api.example.com/v1/x", "http://api.example.com/v1/x"],
    ["https://api.example.com:8443/v1/x", "https://api.example.com:8443/v1/x"],
    ["/v1x", "/v1x"],
    ["http://[not-a-url", "http://[not-a-url"],
  ])("%s -> %s", (location, expected) => {
    expect(gatewayLocation(location, called, base, "shop")).toBe(expected);
  });

  it("rewrites everything on the upstream's origin when the base has no path", () => {
    expect(gatewayLocation("/anything?q=1", "https://up.example/x", "https://up.example", "shop")).toBe(
      "http://localhost:3000/api/gateway/shop/anything?q=1",
    );
  });
});
