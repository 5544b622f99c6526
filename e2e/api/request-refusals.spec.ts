// Requests that used to get a 500 from the server and a stack trace in its log, now refused with a
// 4xx problem: TRACE, malformed percent-encodings, NUL in page addresses, and a server action
// posted from another origin. Also the headers of the answers that are not pages.
import { test, expect } from "@playwright/test";

async function expectProblem(response: import("@playwright/test").APIResponse, status: number, detail: RegExp) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  expect(await response.json()).toMatchObject({ status, detail: expect.stringMatching(detail) });
}

test("TRACE is refused on pages, the management API and the gateway", async ({ request }) => {
  for (const path of ["/catalog", "/api/v1/teams", "/api/gateway/demo/echo"]) {
    await expectProblem(await request.fetch(path, { method: "TRACE" }), 400, /TRACE is not supported/);
  }
});

test("a malformed percent-encoding or a NUL in a page address is a 400, not a 500", async ({ request }) => {
  await expectProblem(await request.get("/catalog/%ff"), 400, /malformed percent-encoding/);
  await expectProblem(await request.get("/api/v1/teams/%ff"), 400, /malformed percent-encoding/);
  await expectProblem(await request.get("/catalog/a%00b"), 400, /NUL/);
  await expectProblem(await request.get("/catalog?q=a%00b"), 400, /NUL/);
});

test("a server action posted from another origin is a 403", async ({ request }) => {
  const page = await (await request.get("/sign-in")).text();
  const actionId = /&quot;id&quot;:&quot;([0-9a-f]{40,})&quot;/.exec(page)?.[1];
  expect(actionId, "the sign-in form's action id").toBeTruthy();
  const forged = await request.post("/sign-in", {
    headers: { "next-action": actionId!, origin: "https://attacker.example", "content-type": "text/plain;charset=UTF-8" },
    data: '[{},"$K1"]',
  });
  await expectProblem(forged, 403, /own pages/);
});

test("gateway answers carry nosniff and no page policy; API routes a policy that loads nothing", async ({ request }) => {
  const gateway = await request.get("/api/gateway/demo/quote");
  expect(gateway.status()).toBe(401);
  expect(gateway.headers()["x-content-type-options"]).toBe("nosniff");
  expect(gateway.headers()["content-security-policy"]).toBeUndefined();
  const api = await request.get("/api/v1/openapi.json");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});
