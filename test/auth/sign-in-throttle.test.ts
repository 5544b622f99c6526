// lib/auth/throttle.ts and lib/auth/sign-in-throttle.ts: attempts counted and checked in one
// statement, per email-and-address pair and per address, shared by every instance through PostgreSQL.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { giveBackAttempt, takeAttempt } from "@/lib/auth/throttle";
import { signInSucceeded, takeSignInAttempt, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-throttle";
import { randomIp, uniqueEmail } from "../factories";

const uniqueKey = () => `test:${crypto.randomBytes(6).toString("hex")}`;

async function take(times: number, keys: { email: string; ip: string | null }) {
  const verdicts = [];
  for (let i = 0; i < times; i++) verdicts.push(await takeSignInAttempt(keys));
  return verdicts;
}

describe("takeAttempt", () => {
  it("lets exactly `limit` of 40 concurrent attempts through", async () => {
    const key = uniqueKey();
    const verdicts = await Promise.all(Array.from({ length: 40 }, () => takeAttempt([{ key, limit: 5, windowSeconds: 60 }])));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
    const refused = verdicts.find((verdict) => !verdict.allowed)!;
    expect(refused.retryAt!.getTime() - Date.now()).toBeGreaterThan(55_000);
    expect(refused.retryAt!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it("refuses when any of the keys is over its limit, and counts every key", async () => {
    const [tight, loose] = [uniqueKey(), uniqueKey()];
    const rules = [
      { key: loose, limit: 100, windowSeconds: 60 },
      { key: tight, limit: 1, windowSeconds: 60 },
    ];
    expect((await takeAttempt(rules)).allowed).toBe(true);
    expect((await takeAttempt(rules)).allowed).toBe(false);
    expect(await db.authThrottle.findUnique({ where: { key: loose } })).toMatchObject({ hits: 2 });
  });

  it("opens a new window when the last one has closed", async () => {
    const key = uniqueKey();
    await takeAttempt([{ key, limit: 1, windowSeconds: 60 }]);
    await db.authThrottle.update({ where: { key }, data: { resetAt: new Date(Date.now() - 1000) } });
    expect(await takeAttempt([{ key, limit: 1, windowSeconds: 60 }])).toEqual({ allowed: true, retryAt: null });
    expect(await db.authThrottle.findUnique({ where: { key } })).toMatchObject({ hits: 1 });
  });

  it("gives back an attempt, never below zero", async () => {
    const key = uniqueKey();
    await takeAttempt([{ key, limit: 1, windowSeconds: 60 }]);
    await giveBackAttempt(key);
    await giveBackAttempt(key);
    expect(await db.authThrottle.findUnique({ where: { key } })).toMatchObject({ hits: 0 });
    expect((await takeAttempt([{ key, limit: 1, windowSeconds: 60 }])).allowed).toBe(true);
  });
});

describe("sign-in throttle", () => {
  it(`refuses the ${SIGN_IN_LIMITS.account + 1}th attempt for one email from one address for about 15 minutes`, async () => {
    const keys = { email: uniqueEmail(), ip: randomIp() };
    expect((await take(SIGN_IN_LIMITS.account, keys)).every((verdict) => verdict.allowed)).toBe(true);
    const [refused] = await take(1, keys);
    expect(refused!.allowed).toBe(false);
    expect(refused!.retryAt!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(refused!.retryAt!.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
  });

  it("does not lock the email out for someone at another address, nor other emails at this one", async () => {
    const email = uniqueEmail();
    const ip = randomIp();
    await take(SIGN_IN_LIMITS.account + 3, { email, ip });
    expect((await takeSignInAttempt({ email, ip: randomIp() })).allowed).toBe(true);
    expect((await takeSignInAttempt({ email: uniqueEmail(), ip })).allowed).toBe(true);
    // case does not make a new email
    expect((await takeSignInAttempt({ email: email.toUpperCase(), ip })).allowed).toBe(false);
  });

  it(`stops an address after ${SIGN_IN_LIMITS.address} attempts across emails (spraying)`, async () => {
    const ip = randomIp();
    for (let i = 0; i < SIGN_IN_LIMITS.address; i++) expect((await takeSignInAttempt({ email: uniqueEmail(), ip })).allowed).toBe(true);
    expect((await takeSignInAttempt({ email: uniqueEmail(), ip })).allowed).toBe(false);
    expect((await takeSignInAttempt({ email: uniqueEmail(), ip: randomIp() })).allowed).toBe(true);
  });

  it("after a success, the pair starts again and the address gets its attempt back", async () => {
    const keys = { email: uniqueEmail(), ip: randomIp() };
    await take(SIGN_IN_LIMITS.account - 1, keys);
    await signInSucceeded(keys);
    expect(await db.authThrottle.findUnique({ where: { key: `sign-in:${keys.email}|${keys.ip}` } })).toBeNull();
    expect(await db.authThrottle.findUnique({ where: { key: `sign-in-address:${keys.ip}` } })).toMatchObject({
      hits: SIGN_IN_LIMITS.account - 2,
    });
    expect((await take(SIGN_IN_LIMITS.account, keys)).every((verdict) => verdict.allowed)).toBe(true);
  });
});
