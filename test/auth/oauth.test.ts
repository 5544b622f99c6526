// lib/auth/oauth.ts: which address an OAuth provider vouches for. GitHub: the primary email, and
// only when GitHub marks it verified; Google: `email_verified`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubProfileWithPrimaryEmail, providerVerifiedEmail } from "@/lib/auth/oauth";

describe("providerVerifiedEmail", () => {
  it("trusts only an address the profile marks verified, lowercased", () => {
    expect(providerVerifiedEmail({ email: "Ada@Example.test", email_verified: true })).toBe("ada@example.test");
    expect(providerVerifiedEmail({ email: "ada@example.test", email_verified: "true" })).toBe("ada@example.test");
    expect(providerVerifiedEmail({ email: "ada@example.test", email_verified: false })).toBeNull();
    expect(providerVerifiedEmail({ email: "ada@example.test" })).toBeNull();
    expect(providerVerifiedEmail({ email_verified: true })).toBeNull();
    expect(providerVerifiedEmail(undefined)).toBeNull();
  });
});

describe("githubProfileWithPrimaryEmail", () => {
  let emails: { email: string; primary: boolean; verified: boolean }[] = [];
  let authorization: string | undefined;
  const server = http.createServer((req, res) => {
    authorization = req.headers.authorization;
    res.setHeader("content-type", "application/json");
    if (req.url === "/user")
      return void res.end(JSON.stringify({ id: 7, login: "ada", name: null, email: "public@example.test", avatar_url: "" }));
    if (req.url === "/user/emails") return void res.end(JSON.stringify(emails));
    res.statusCode = 404;
    res.end("{}");
  });
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("uses the verified primary address", async () => {
    emails = [
      { email: "other@example.test", primary: false, verified: true },
      { email: "primary@example.test", primary: true, verified: true },
    ];
    const profile = await githubProfileWithPrimaryEmail("gho_token", base);
    expect(profile).toMatchObject({ login: "ada", email: "primary@example.test", email_verified: true });
    expect(authorization).toBe("Bearer gho_token");
    expect(providerVerifiedEmail(profile)).toBe("primary@example.test");
  });

  it("does not vouch for an unverified primary address, even when another address is verified", async () => {
    emails = [
      { email: "verified@example.test", primary: false, verified: true },
      { email: "primary@example.test", primary: true, verified: false },
    ];
    const profile = await githubProfileWithPrimaryEmail("gho_token", base);
    expect(profile).toMatchObject({ email: "primary@example.test", email_verified: false });
    expect(providerVerifiedEmail(profile)).toBeNull();
  });
});
