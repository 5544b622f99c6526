// Sessions end on the server (lib/auth/sessions.ts): a copy of the session cookie taken before
// sign-out is refused afterwards, through Auth.js's own endpoints, and so is a session whose row
// is gone, whose account was disabled, or that predates server-side sessions.
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-throttle";
import { createUser, GOOD_PASSWORD } from "../factories";
import { CookieJar, sessionOverHttp, signInOverHttp, signOutOverHttp } from "./auth-http";
import { captureLogs, LEVEL } from "../support/log-capture";

afterEach(() => {
  vi.restoreAllMocks();
});

async function signedIn() {
  const user = await createUser({ password: GOOD_PASSWORD });
  const jar = new CookieJar();
  await signInOverHttp(user.email, GOOD_PASSWORD, { jar });
  expect(await sessionOverHttp({ jar })).toMatchObject({ user: { id: user.id, email: user.email, emailVerified: false } });
  return { user, jar };
}

describe("sessions", () => {
  it("sign-out makes a copied session cookie worthless, and leaves the user's other sessions alone", async () => {
    const { user, jar } = await signedIn();
    const elsewhere = new CookieJar();
    await signInOverHttp(user.email, GOOD_PASSWORD, { jar: elsewhere });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);

    const stolen = jar.copy();
    await signOutOverHttp({ jar });
    expect(jar.sessionToken()).toBeUndefined();
    expect(await sessionOverHttp({ jar: stolen })).toBeNull();
    expect(await sessionOverHttp({ jar: elsewhere })).toMatchObject({ user: { id: user.id } });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("stores the session id only as its SHA-256", async () => {
    const { user } = await signedIn();
    const [row] = await db.session.findMany({ where: { userId: user.id } });
    expect(row!.sessionToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ends every session of a disabled account at once", async () => {
    const { user, jar } = await signedIn();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await sessionOverHttp({ jar })).toBeNull();
  });

  it("refuses a validly signed token whose session row is gone or that names none", async () => {
    const { user, jar } = await signedIn();
    await db.session.deleteMany({ where: { userId: user.id } });
    expect(await sessionOverHttp({ jar })).toBeNull();

    // A cookie from before server-side sessions: signed with the right secret, but no `sid`.
    const name = "authjs.session-token";
    const legacy = await encode({ token: { sub: user.id, authAt: Date.now() }, secret: process.env.AUTH_SECRET!, salt: name });
    const old = new CookieJar();
    old.values.set(name, legacy);
    expect(await sessionOverHttp({ jar: old })).toBeNull();
  });

  it("reflects a change to the user row on the next request (no stale admin flag in the cookie)", async () => {
    const { user, jar } = await signedIn();
    await db.user.update({ where: { id: user.id }, data: { isPlatformAdmin: true, name: "Renamed" } });
    expect(await sessionOverHttp({ jar })).toMatchObject({ user: { isPlatformAdmin: true, name: "Renamed" } });
  });
});

describe("refused sign-ins over HTTP", () => {
  it("issue no session once the limit is hit, and log one line each, no stack trace", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const logs = captureLogs();
    for (let i = 0; i < SIGN_IN_LIMITS.account; i++) {
      const jar = new CookieJar();
      const response = await signInOverHttp(user.email, "wrong password here", { jar });
      expect(response.headers.get("location")).toContain("error=CredentialsSignin");
      expect(jar.sessionToken()).toBeUndefined();
    }
    const jar = new CookieJar();
    const response = await signInOverHttp(user.email, GOOD_PASSWORD, { jar });
    expect(response.headers.get("location")).toContain("code=throttled");
    expect(jar.sessionToken()).toBeUndefined();

    logs.stop();
    expect(errors).not.toHaveBeenCalled();
    const lines = logs.lines(LEVEL.warn);
    expect(lines).toHaveLength(SIGN_IN_LIMITS.account + 1);
    for (const line of lines)
      expect(line).toMatchObject({
        level: LEVEL.warn,
        module: "auth",
        msg: "sign-in refused",
        code: expect.stringMatching(/^(invalid|throttled)$/),
        email: user.email,
        ip: null, // no trusted proxy in front of the test server, and no socket address through Auth.js's Request
      });
  });
});
