// Without TOLLGATE_ADMIN_TOKEN, admin-token auth is off: no token value (not even an empty one) is
// the admin. Its own file, because lib/env.ts parses the environment once per process.
import { expect, it } from "vitest";
import { call } from "../support/management-factories";

it("refuses every bearer token as admin when TOLLGATE_ADMIN_TOKEN is unset", async () => {
  const previous = process.env.TOLLGATE_ADMIN_TOKEN!;
  delete process.env.TOLLGATE_ADMIN_TOKEN;
  const { GET } = await import("@/app/api/v1/apis/route");
  for (const token of [previous, "", "undefined"]) {
    const result = await call(GET, "GET", "/api/v1/apis", { token });
    expect(result.status).toBe(401);
    expect(result.body.code).toBe("unauthorized");
  }
});
