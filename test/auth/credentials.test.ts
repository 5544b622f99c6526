// lib/auth/credentials.ts: what the Auth.js credentials provider accepts and refuses, and that the
// throttle holds under concurrency: the attempt is counted before the password is checked.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { authorizeCredentials, SignInRefused } from "@/lib/auth/credentials";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-throttle";
import { createUser, GOOD_PASSWORD, randomIp, uniqueEmail } from "../factories";
import { captureLogs, LEVEL } from "../support/log-capture";

const refused = (code: string) => expect.objectContaining({ code });
const WRONG = "wrong password here";
const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    () => "signed-in",
    (error: { code?: string }) => error.code ?? "error",
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe("authorizeCredentials", () => {
  it("returns the user for the right password, whatever the email's case and spacing", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    await expect(authorizeCredentials({ email: `  ${user.email.toUpperCase()} `, password: GOOD_PASSWORD }, randomIp())).resolves.toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
    });
  });

  it("refuses a wrong password, an unknown email and an OAuth-only account alike", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const oauthOnly = await createUser();
    const attempts = [
      { email: user.email, password: WRONG },
      { email: uniqueEmail(), password: GOOD_PASSWORD },
      { email: oauthOnly.email, password: GOOD_PASSWORD },
    ];
    for (const attempt of attempts) {
      const error = await authorizeCredentials(attempt, randomIp()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SignInRefused);
      expect(error).toEqual(refused("invalid"));
    }
  });

  it("refuses malformed input", async () => {
    for (const input of [undefined, {}, { email: "not-an-email", password: "x" }, { email: uniqueEmail(), password: "" }]) {
      await expect(authorizeCredentials(input, randomIp())).rejects.toEqual(refused("invalid"));
    }
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await createUser({ password: GOOD_PASSWORD, disabled: true });
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD }, randomIp())).rejects.toEqual(refused("disabled"));
  });

  it("logs one line per refused sign-in, without the password", async () => {
    const logs = captureLogs();
    const ip = randomIp();
    const email = uniqueEmail();
    await authorizeCredentials({ email, password: WRONG }, ip).catch(() => undefined);
    logs.stop();
    expect(logs.lines()).toEqual([
      expect.objectContaining({ level: LEVEL.warn, module: "auth", msg: "sign-in refused", code: "invalid", email, ip }),
    ]);
    expect(logs.text()).not.toContain(WRONG);
  });
});

describe("sign-in throttle under concurrency", () => {
  it(`evaluates at most ${SIGN_IN_LIMITS.account} of 40 concurrent wrong passwords`, async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const ip = randomIp();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => outcome(authorizeCredentials({ email: user.email, password: WRONG }, ip))),
    );
    expect(outcomes.filter((code) => code === "invalid")).toHaveLength(SIGN_IN_LIMITS.account);
    expect(outcomes.filter((code) => code === "throttled")).toHaveLength(40 - SIGN_IN_LIMITS.account);
  });

  it("does not sign in the right password that arrives while 39 wrong ones race past the limit", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const ip = randomIp();
    const wrong = Array.from({ length: 39 }, () => outcome(authorizeCredentials({ email: user.email, password: WRONG }, ip)));
    // The wrong guesses are still being checked (scrypt) when the right one comes in.
    await expect
      .poll(async () => (await db.authThrottle.findUnique({ where: { key: `sign-in:${user.email}|${ip}` } }))?.hits ?? 0)
      .toBeGreaterThanOrEqual(SIGN_IN_LIMITS.account);
    const right = await outcome(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD }, ip));
    const outcomes = await Promise.all(wrong);
    expect(right).toBe("throttled");
    expect(outcomes.filter((code) => code === "invalid")).toHaveLength(SIGN_IN_LIMITS.account);
  });

  it("leaves the owner signing in from another address alone", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const attacker = randomIp();
    for (let i = 0; i < SIGN_IN_LIMITS.account + 2; i++)
      await outcome(authorizeCredentials({ email: user.email, password: WRONG }, attacker));
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD }, attacker)).rejects.toEqual(refused("throttled"));
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD }, randomIp())).resolves.toMatchObject({ id: user.id });
  });

  it("starts the count again after the right password", async () => {
    const user = await createUser({ password: GOOD_PASSWORD });
    const ip = randomIp();
    const wrong = () => outcome(authorizeCredentials({ email: user.email, password: WRONG }, ip));
    for (let i = 0; i < SIGN_IN_LIMITS.account - 1; i++) expect(await wrong()).toBe("invalid");
    await authorizeCredentials({ email: user.email, password: GOOD_PASSWORD }, ip);
    for (let i = 0; i < SIGN_IN_LIMITS.account - 1; i++) expect(await wrong()).toBe("invalid");
    await expect(authorizeCredentials({ email: user.email, password: GOOD_PASSWORD }, ip)).resolves.toMatchObject({ id: user.id });
  });
});
