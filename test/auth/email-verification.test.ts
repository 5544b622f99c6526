// lib/auth/email-verification.ts and lib/auth/account-tokens.ts: the link is single-use, stored only
// as its SHA-256, good for 24 hours, replaced by a newer one, and the resend form tells nobody
// which addresses have accounts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { resendVerificationEmail, sendVerificationEmail, verifyEmail, RESEND_LIMITS } from "@/lib/auth/email-verification";
import { createUser, randomIp, uniqueEmail } from "../factories";
import { outboxFor, verificationTokenFor } from "./outbox";

async function userWithLink() {
  const user = await createUser();
  await sendVerificationEmail(user);
  return { user, token: await verificationTokenFor(user.email) };
}
const verifiedAt = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).emailVerified;

describe("verification links", () => {
  it("stores only the token's SHA-256, valid for 24 hours", async () => {
    const { user, token } = await userWithLink();
    const [row] = await db.accountToken.findMany({ where: { userId: user.id } });
    expect(row).toMatchObject({ purpose: "VERIFY_EMAIL", email: user.email, tokenHash: sha256Hex(token), usedAt: null });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it("verifies the address once; opening it again says it is already verified", async () => {
    const { user, token } = await userWithLink();
    expect(await verifyEmail(token)).toEqual({ state: "verified", email: user.email, madeAdmin: false });
    expect(await verifiedAt(user.id)).toBeInstanceOf(Date);
    expect(await verifyEmail(token)).toEqual({ state: "already-verified", email: user.email });
  });

  it("counts two clicks racing each other once", async () => {
    const { token } = await userWithLink();
    const results = await Promise.all([verifyEmail(token), verifyEmail(token), verifyEmail(token)]);
    expect(results.map((result) => result.state).sort()).toEqual(["already-verified", "already-verified", "verified"]);
  });

  it("refuses an expired link without verifying", async () => {
    const { user, token } = await userWithLink();
    await db.accountToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyEmail(token)).toEqual({ state: "expired", email: user.email });
    expect(await verifiedAt(user.id)).toBeNull();
  });

  it("refuses a link replaced by a newer one, a made-up token, and a link for an address the account no longer has", async () => {
    const { user, token: older } = await userWithLink();
    await sendVerificationEmail(user);
    expect(await verifyEmail(older)).toEqual({ state: "invalid" });
    expect(await verifyEmail("x".repeat(43))).toEqual({ state: "invalid" });
    expect(await verifyEmail("../../etc")).toEqual({ state: "invalid" });

    const newer = await verificationTokenFor(user.email);
    await db.user.update({ where: { id: user.id }, data: { email: uniqueEmail("moved") } });
    expect(await verifyEmail(newer)).toEqual({ state: "invalid" });
    expect(await verifiedAt(user.id)).toBeNull();
  });
});

describe("resendVerificationEmail", () => {
  it("sends a new link only to an unverified account, and answers the same for any address", async () => {
    const waiting = await createUser();
    const verified = await db.user.update({ where: { id: (await createUser()).id }, data: { emailVerified: new Date() } });
    const nobody = uniqueEmail("nobody");
    for (const email of [waiting.email.toUpperCase(), verified.email, nobody])
      await expect(resendVerificationEmail(email, randomIp())).resolves.toBeUndefined();
    expect(await outboxFor(waiting.email)).toHaveLength(1);
    expect(await outboxFor(verified.email)).toHaveLength(0);
    expect(await outboxFor(nobody)).toHaveLength(0);
    const token = await verificationTokenFor(waiting.email);
    expect(await verifyEmail(token)).toMatchObject({ state: "verified" });
  });

  it(`allows ${RESEND_LIMITS.email} requests an hour per address, from anywhere`, async () => {
    const user = await createUser();
    for (let i = 0; i < RESEND_LIMITS.email; i++) await resendVerificationEmail(user.email, randomIp());
    await expect(resendVerificationEmail(user.email, randomIp())).rejects.toMatchObject({ code: "rate_limited" });
    expect(await outboxFor(user.email)).toHaveLength(RESEND_LIMITS.email);
  });

  it(`allows ${RESEND_LIMITS.address} requests an hour per client address, whichever addresses`, async () => {
    const ip = randomIp();
    for (let i = 0; i < RESEND_LIMITS.address; i++) await resendVerificationEmail(uniqueEmail(), ip);
    await expect(resendVerificationEmail(uniqueEmail(), ip)).rejects.toMatchObject({ code: "rate_limited" });
  });
});
