// GET /api/ready through the production build's route (issue 17.4): the readiness probe answers 200
// with its checks on a migrated database; /api/health stays the liveness probe beside it.
import { test, expect } from "@playwright/test";

test("GET /api/ready reports the instance ready, with its checks", async ({ request }) => {
  const response = await request.get("/api/ready");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ready", checks: { draining: false, database: "ok", migrations: "ok" } });
  expect((await request.get("/api/health")).status()).toBe(200);
});
