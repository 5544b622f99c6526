// HTTP-level behaviour, no browser: health, errors, the demo upstream, public pages and redirects.
import { test, expect } from "@playwright/test";

test("GET /api/health reports the database as reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "ok" });
  expect(typeof body.version).toBe("string");
  expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
});

test("an unknown page answers 404 with the not-found page", async ({ request }) => {
  const response = await request.get(`/no/such/page-${Date.now()}`);
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).toContain("Page not found");
  expect(html).toContain("This page does not exist, or you do not have access to it.");
});

test("the demo upstream echoes the request it received", async ({ request }) => {
  const get = await request.get("/api/demo/echo/some/path?color=blue&tag=a&tag=b", {
    headers: { "x-trace": "e2e", authorization: "Bearer secret-value", cookie: "session=abc" },
  });
  expect(get.status()).toBe(200);
  expect(get.headers()["content-type"]).toContain("application/json");
  const echoed = await get.json();
  expect(echoed).toMatchObject({ method: "GET", query: { color: "blue", tag: ["a", "b"] }, body: null, bodyTruncated: false });
  expect(echoed.path).toMatch(/\/echo\/some\/path$/);
  expect(echoed.headers["x-trace"]).toBe("e2e");
  expect(echoed.headers.authorization).toBe("[redacted]");
  expect(echoed.headers.cookie).toBeUndefined();

  const post = await request.post("/api/demo/echo", { data: { hello: "world" } });
  expect(post.status()).toBe(200);
  const posted = await post.json();
  expect(posted.method).toBe("POST");
  expect(JSON.parse(posted.body)).toEqual({ hello: "world" });
});

test("the demo upstream answers unknown paths with a problem document", async ({ request }) => {
  const response = await request.get("/api/demo/nope");
  expect(response.status()).toBe(404);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
});

test("the public catalog lists the seeded Demo API for signed-out visitors", async ({ request }) => {
  const response = await request.get("/catalog");
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain("API catalog");
  expect(html).toContain("Demo API");
});

for (const path of ["/teams", "/teams/new", "/admin", "/some-team/members"]) {
  test(`signed-out visitors to ${path} are sent to sign-in and back`, async ({ request }) => {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    const location = new URL(response.headers().location!, "http://localhost");
    expect(location.pathname).toBe("/sign-in");
    // Back to exactly the page asked for (proxy.ts passes the path to the sign-in redirect).
    expect(location.searchParams.get("callbackUrl")).toBe(path);
  });
}

test("/teams redirects to /sign-in?callbackUrl=%2Fteams", async ({ request }) => {
  const response = await request.get("/teams", { maxRedirects: 0 });
  expect(response.headers().location).toMatch(/\/sign-in\?callbackUrl=%2Fteams$/);
});
