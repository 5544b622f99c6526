// lib/auth/sign-in-throttle.ts: failure counters shared by every app instance through PostgreSQL.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clearFailedSignIns, lockedUntil, recordFailedSignIn, LIMITS } from "@/lib/auth/sign-in-throttle";
import { uniqueEmail } from "../factories";

const randomIp = () => `10.${[...crypto.randomBytes(3)].join(".")}`;

async function fail(times: number, keys: { email: string; ip?: string }) {
  for (let i = 0; i < times; i++) await recordFailedSignIn(keys);
}

describe("sign-in throttle", () => {
  it(`locks an email for about 15 minutes at the ${LIMITS.email}th failure`, async () => {
    const email = uniqueEmail();
    await fail(LIMITS.email - 1, { email });
    expect(await lockedUntil({ email })).toBeNull();
    await fail(1, { email });
    const until = await lockedUntil({ email });
    expect(until).toBeInstanceOf(Date);
    expect(until!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until!.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
  });

  it("keys emails case-insensitively and does not lock other emails", async () => {
    const email = uniqueEmail();
    await fail(LIMITS.email, { email: email.toUpperCase() });
    expect(await lockedUntil({ email })).not.toBeNull();
    expect(await lockedUntil({ email: uniqueEmail() })).toBeNull();
  });

  it("locks a client address after its own, higher limit, across emails", async () => {
    const ip = randomIp();
    for (let i = 0; i < LIMITS.ip - 1; i++) await recordFailedSignIn({ email: uniqueEmail(), ip });
    expect(await lockedUntil({ email: uniqueEmail(), ip })).toBeNull();
    await recordFailedSignIn({ email: uniqueEmail(), ip });
    expect(await lockedUntil({ email: uniqueEmail(), ip })).not.toBeNull();
    expect(await lockedUntil({ email: uniqueEmail(), ip: randomIp() })).toBeNull();
  });

  it("starts a new window when the last one is older than 15 minutes", async () => {
    const email = uniqueEmail();
    await fail(LIMITS.email - 1, { email });
    await db.signInThrottle.update({ where: { key: `email:${email}` }, data: { windowStartAt: new Date(Date.now() - 16 * 60_000) } });
    await fail(1, { email });
    expect(await db.signInThrottle.findUnique({ where: { key: `email:${email}` } })).toMatchObject({ failures: 1, lockedUntil: null });
    expect(await lockedUntil({ email })).toBeNull();
  });

  it("ignores a lock that has ended", async () => {
    const email = uniqueEmail();
    await db.signInThrottle.create({ data: { key: `email:${email}`, failures: 5, lockedUntil: new Date(Date.now() - 1000) } });
    expect(await lockedUntil({ email })).toBeNull();
  });

  it("clearFailedSignIns resets the email counter", async () => {
    const email = uniqueEmail();
    await fail(LIMITS.email - 1, { email });
    await clearFailedSignIns(email);
    expect(await db.signInThrottle.findUnique({ where: { key: `email:${email}` } })).toBeNull();
    await fail(LIMITS.email - 1, { email });
    expect(await lockedUntil({ email })).toBeNull();
  });
});
