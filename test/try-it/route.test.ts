// POST /api/try-it refuses what did not come from this site's own pages before it looks at the
// session or the body: the session cookie rides along on cross-site posts too.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/try-it/route";
import { appUrl } from "@/lib/env";

const post = (headers: Record<string, string>) =>
  POST(
    new Request(`${appUrl()}/api/try-it`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ team: "t", keyId: "k", api: "demo", method: "GET", path: "/" }),
    }),
  );

describe("POST /api/try-it", () => {
  it("answers 403 problem+json to another origin, and to a request without one", async () => {
    for (const headers of [{ origin: "https://attacker.example" }, {}] as Record<string, string>[]) {
      const response = await post(headers);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ code: "forbidden", status: 403 });
    }
  });
});
