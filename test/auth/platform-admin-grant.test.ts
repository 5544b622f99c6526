// lib/auth/platform-admin-grant.ts: ADMIN_EMAILS and the first-account rule make a platform admin
// only of a verified address, at the moment it is verified (a link, or an OAuth provider's word).
import { afterEach, describe, expect, it } from "vitest";
import { db, type PrismaClient } from "@/lib/db";
import { issueAccountToken } from "@/lib/auth/account-tokens";
import { markEmailVerified, sendVerificationEmail, verifyEmail } from "@/lib/auth/email-verification";
import { recordOAuthSignIn } from "@/lib/auth/oauth";
import { signUpSchema, signUpWithPassword } from "@/lib/auth/sign-up";
import { createUser, GOOD_PASSWORD, randomIp, uniqueEmail } from "../factories";
import { withFreshDatabase } from "../support/fresh-database";
import { verificationTokenFor } from "./outbox";

afterEach(() => {
  delete process.env.ADMIN_EMAILS;
});

const adminFlag = (client: PrismaClient, id: string) =>
  client.user.findUniqueOrThrow({ where: { id } }).then((user) => user.isPlatformAdmin);
const verify = (client: PrismaClient, user: { id: string; email: string }) =>
  client.$transaction((tx) => markEmailVerified(user.id, user.email, tx));

describe("ADMIN_EMAILS", () => {
  it("gives nothing to a listed address at sign-up, and makes it admin when its owner opens the link", async () => {
    await createUser(); // never the first account
    const email = uniqueEmail("boss");
    process.env.ADMIN_EMAILS = ` someone@else.test , ${email.toUpperCase()} `;
    await signUpWithPassword(signUpSchema.parse({ name: "Boss", email, password: GOOD_PASSWORD }), randomIp());
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.isPlatformAdmin).toBe(false);

    expect(await verifyEmail(await verificationTokenFor(email))).toEqual({ state: "verified", email, madeAdmin: true });
    expect(await adminFlag(db, user.id)).toBe(true);
    expect(await db.auditLog.findFirst({ where: { action: "user.made_platform_admin", targetId: user.id } })).toMatchObject({
      actorType: "SYSTEM",
      metadata: { reason: "ADMIN_EMAILS" },
    });
  });

  it("does not make an unlisted address admin when it is verified", async () => {
    await createUser();
    process.env.ADMIN_EMAILS = "boss@example.test";
    const user = await createUser();
    await sendVerificationEmail(user);
    expect(await verifyEmail(await verificationTokenFor(user.email))).toMatchObject({ state: "verified", madeAdmin: false });
    expect(await adminFlag(db, user.id)).toBe(false);
  });
});

describe("the first account", () => {
  it("becomes platform admin when it verifies, not at sign-up, and only it", async () => {
    await withFreshDatabase(async (client) => {
      const first = await client.user.create({ data: { email: uniqueEmail("first") } });
      const second = await client.user.create({ data: { email: uniqueEmail("second") } });
      expect(await adminFlag(client, first.id)).toBe(false);

      // the second verifies first: it is not the first account
      expect(await verify(client, second)).toEqual({ madeAdmin: false });
      expect(await verify(client, first)).toEqual({ madeAdmin: true });
      expect(await client.user.count({ where: { isPlatformAdmin: true } })).toBe(1);
      const audit = await client.auditLog.findMany({ where: { action: "user.made_platform_admin" } });
      expect(audit).toEqual([expect.objectContaining({ actorType: "SYSTEM", targetId: first.id, metadata: { reason: "first account" } })]);
    });
  });

  it("does not claim an install that has a platform admin already", async () => {
    await withFreshDatabase(async (client) => {
      const first = await client.user.create({ data: { email: uniqueEmail("first") } });
      const listed = await client.user.create({ data: { email: uniqueEmail("listed") } });
      process.env.ADMIN_EMAILS = listed.email;
      expect(await verify(client, listed)).toEqual({ madeAdmin: true });
      expect(await verify(client, first)).toEqual({ madeAdmin: false });
    });
  });

  it("is decided once when the first two accounts verify at the same moment", async () => {
    await withFreshDatabase(async (client) => {
      const users = [
        await client.user.create({ data: { email: uniqueEmail() } }),
        await client.user.create({ data: { email: uniqueEmail() } }),
      ];
      await Promise.all(users.map((user) => verify(client, user)));
      expect(await client.user.count({ where: { isPlatformAdmin: true } })).toBe(1);
      expect(await adminFlag(client, users[0]!.id)).toBe(true);
    });
  });

  it("can be verified from the link in the outbox (the server log without SMTP)", async () => {
    await withFreshDatabase(async (client) => {
      const first = await client.user.create({ data: { email: uniqueEmail("first") } });
      // the link's token, as the server log shows it
      const token = await issueAccountToken({ userId: first.id, purpose: "VERIFY_EMAIL", email: first.email, ttlMs: 60_000 }, client);
      expect(await verifyEmail(token, client)).toEqual({ state: "verified", email: first.email, madeAdmin: true });
    });
  });
});

describe("OAuth sign-ins", () => {
  it("verify the account and apply ADMIN_EMAILS only when the provider vouches for the address", async () => {
    await createUser();
    const unverified = await createUser({ email: uniqueEmail("oauth-boss") });
    const verified = await createUser({ email: uniqueEmail("oauth-boss") });
    process.env.ADMIN_EMAILS = `${unverified.email},${verified.email}`;

    await recordOAuthSignIn(unverified.id, { email: unverified.email, email_verified: false });
    await recordOAuthSignIn(unverified.id, { email: unverified.email });
    expect(await db.user.findUniqueOrThrow({ where: { id: unverified.id } })).toMatchObject({
      emailVerified: null,
      isPlatformAdmin: false,
    });

    await recordOAuthSignIn(verified.id, { email: verified.email.toUpperCase(), email_verified: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: verified.id } })).toMatchObject({
      emailVerified: expect.any(Date),
      isPlatformAdmin: true,
    });
  });

  it("do not verify an address other than the account's", async () => {
    const user = await createUser();
    await recordOAuthSignIn(user.id, { email: uniqueEmail("other"), email_verified: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ emailVerified: null });
  });
});
