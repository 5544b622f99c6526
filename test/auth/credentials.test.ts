// lib/auth/credentials.ts: what the Auth.js credentials provider accepts and refuses.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authorizeCredentials, clientIp, SignInRefused } from "@/lib/auth/credentials";
import { LIMITS } from "@/lib/auth/sign-in-throttle";
import { createUser, GOOD_PASSWORD, uniqueEmail } from "../factories";

const refused = (code: string) => expect.objectContaining({ code });

describe("authorizeCredentials", () => {
  it("returns the user for the right password, whatever the email's case and spacing", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    await expect(authorizeCredentials({ email: `  ${user.email.toUpperCase()} `, password: GOOD_PASSWORD })).resolves.toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
    });
  });

  it("refuses a wrong password, an unknown email and an OAuth-only account alike", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const oauthOnly = await createUser();
    const attempts = [
      { email: user.email, password: "wrong password here" },
      { email: uniqueEmail(), password: GOOD_PASSWORD },
      { email: oauthOnly.email, password: GOOD_PASSWORD },
    ];
    for (const attempt of attempts) {
      const error = await authorizeCredentials(attempt).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SignInRefused);
      expect(error).toEqual(refused("invalid"));
    }
  });

  it("refuses malformed input", async () => {
    for (const input of [undefined, {}, { email: "not-an-email", password: "x" }, { email: uniqueEmail(), password: "" }]) {
      await expect(authorizeCredentials(input)).rejects.toEqual(refused("invalid"));
    }
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await createUser({ password: GOOD_PASSWORD, disabled: true });
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD })).rejects.toEqual(refused("disabled"));
  });

  it(`locks the email after ${LIMITS.email} failures, even for the right password`, async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    for (let i = 0; i < LIMITS.email; i++) {
      await expect(authorizeCredentials({ email: user.email, password: "wrong password here" })).rejects.toEqual(refused("invalid"));
    }
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD })).rejects.toEqual(refused("throttled"));
  });

  it("clears the failure count on success", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const wrong = () => authorizeCredentials({ email: user.email, password: "wrong password here" }).catch(() => undefined);
    for (let i = 0; i < LIMITS.email - 1; i++) await wrong();
    await authorizeCredentials({ email: user.email, password: GOOD_PASSWORD });
    expect(await db.signInThrottle.findUnique({ where: { key: `email:${user.email}` } })).toBeNull();
    // a fresh count: four more failures still do not lock
    for (let i = 0; i < LIMITS.email - 1; i++) await wrong();
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD })).resolves.toMatchObject({ id: user.id });
  });
});

describe("clientIp", () => {
  it("takes the first X-Forwarded-For address, then X-Real-IP", () => {
    expect(clientIp(new Request("http://localhost/", { headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1" } }))).toBe("203.0.113.7");
    expect(clientIp(new Request("http://localhost/", { headers: { "x-real-ip": "203.0.113.8" } }))).toBe("203.0.113.8");
    expect(clientIp(new Request("http://localhost/"))).toBeUndefined();
    expect(clientIp(undefined)).toBeUndefined();
  });
});
