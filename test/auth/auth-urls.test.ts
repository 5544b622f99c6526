// Auth.js builds its URLs (redirects after sign-in and sign-out, OAuth callback URLs) from APP_URL,
// never from the Host the request came in on: not 0.0.0.0 when LISTEN_HOST=0.0.0.0, and not a
// Host or X-Forwarded-Host a client made up.
import { describe, expect, it } from "vitest";
import { createUser, GOOD_PASSWORD } from "../factories";
import { CookieJar, signInOverHttp, signOutOverHttp } from "./auth-http";

const APP_URL = "http://localhost:3000";

describe("Auth.js URLs", () => {
  it("redirects to APP_URL after sign-in and sign-out, whatever the Host", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const cases: { url: string; headers: Record<string, string> }[] = [
      { url: "http://0.0.0.0:3000", headers: { host: "0.0.0.0:3000" } },
      { url: "http://0.0.0.0:3000", headers: { host: "0.0.0.0:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } },
    ];
    for (const { url, headers } of cases) {
      const jar = new CookieJar();
      const signedIn = await signInOverHttp(user.email, GOOD_PASSWORD, { jar, url, headers });
      expect(signedIn.headers.get("location")).toBe(`${APP_URL}/teams`);
      const signedOut = await signOutOverHttp({ jar, url, headers });
      expect(signedOut.headers.get("location")).toBe(`${APP_URL}/`);
    }
  });

  it("hands Auth.js AUTH_URL from APP_URL, which its server-action helpers build URLs from", async () => {
    await import("@/lib/auth/config");
    expect(process.env.AUTH_URL).toBe(`${APP_URL}/api/auth`);
  });
});
