// Cookies and the portal's origin: gateway answers share it, so by default an upstream's Set-Cookie
// never reaches the browser and no cookie reaches the upstream. An API with relayCookies gets its
// own cookies through, scoped under /api/gateway/{slug}, and never the portal's (lib/gateway/cookies.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { invalidate } from "@/lib/cache/invalidate";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { startGatewayServer, type GatewayServer } from "../support/gateway-server";

let upstream: Upstream;
let server: GatewayServer;
beforeAll(async () => {
  upstream = await startUpstream();
  server = await startGatewayServer();
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

const PORTAL_COOKIES = [
  "authjs.session-token=forged; Path=/; HttpOnly",
  "__Secure-authjs.session-token=forged; Path=/; Secure",
  "__Host-authjs.csrf-token=forged; Path=/; Secure",
  "next-auth.session-token=forged; Path=/",
  "AUTHJS.callback-url=forged",
  "__prerender_bypass=1; Path=/",
];

const setting = (...cookies: string[]) => `/cookies?${cookies.map((cookie) => `set=${encodeURIComponent(cookie)}`).join("&")}`;

/** An API whose upstream base URL has a path (`/v1`), with relayCookies as given. */
async function cookieApi(relayCookies: boolean) {
  const fixture = await createGatewayFixture({ upstreamUrl: `${upstream.url}/v1`, balance: 1_000_000n, price: 1_000n });
  if (relayCookies) {
    await db.api.update({ where: { id: fixture.api.id }, data: { relayCookies } });
    invalidate("api", fixture.slug);
  }
  return fixture;
}

describe("cookies by default", () => {
  it("drops every Set-Cookie of the upstream, portal names or not", async () => {
    const { slug, key } = await cookieApi(false);
    const response = await callGateway(slug, setting("theme=dark; Path=/", ...PORTAL_COOKIES), { key });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("sends the upstream no cookie", async () => {
    const { slug, key } = await cookieApi(false);
    const response = await callGateway(slug, "/cookies", { key, headers: { cookie: "theme=dark; authjs.session-token=secret" } });
    expect(await response.json()).toEqual({ cookie: null });
  });
});

describe("cookies with relayCookies", () => {
  it("relays the upstream's own cookies under the API's gateway path, without Domain, never a portal cookie", async () => {
    const { slug, key } = await cookieApi(true);
    const response = await callGateway(
      slug,
      setting(
        "theme=dark; Path=/; Domain=localhost; HttpOnly; SameSite=Lax",
        "cart=42; Path=/v1/cart; Max-Age=60",
        "outside=1; Path=/elsewhere",
        "sneaky=1; Path=/v1/../../",
        "__Secure-pref=1; Secure",
        ...PORTAL_COOKIES,
      ),
      { key },
    );
    expect(response.headers.getSetCookie()).toEqual([
      `theme=dark; Path=/api/gateway/${slug}; HttpOnly; SameSite=Lax`,
      `cart=42; Path=/api/gateway/${slug}/cart; Max-Age=60`,
      `outside=1; Path=/api/gateway/${slug}`,
      `sneaky=1; Path=/api/gateway/${slug}`,
      `__Secure-pref=1; Path=/api/gateway/${slug}; Secure`,
    ]);
  });

  it("forwards the caller's cookies to the upstream without the portal's", async () => {
    const { slug, key } = await cookieApi(true);
    const cookie = "theme=dark; authjs.session-token=secret; __Host-authjs.csrf-token=x, __Secure-authjs.session-token=y; cart=42";
    const response = await callGateway(slug, "/cookies", { key, headers: { cookie } });
    expect(await response.json()).toEqual({ cookie: "theme=dark; cart=42" });
    const onlyPortal = await callGateway(slug, "/cookies", { key, headers: { cookie: "authjs.session-token=secret" } });
    expect(await onlyPortal.json()).toEqual({ cookie: null });
  });

  it("keeps several scoped Set-Cookie headers apart over node:http", async () => {
    const { slug, key } = await cookieApi(true);
    const response = await fetch(`${server.url}/api/gateway/${slug}${setting("a=1", "b=2; Path=/v1/x", "authjs.session-token=forged")}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.headers.getSetCookie()).toEqual([`a=1; Path=/api/gateway/${slug}`, `b=2; Path=/api/gateway/${slug}/x`]);
  });
});
