// lib/auth/sign-up.ts: validation messages, the new account and its verification email, the same
// answer for an address that has an account (and a note to that account), and the per-address limit.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { signUpSchema, signUpWithPassword } from "@/lib/auth/sign-up";
import { GOOD_PASSWORD, randomIp, uniqueEmail } from "../factories";
import { outboxFor } from "./outbox";

const fieldErrors = (input: object) => {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
};
const input = (name: string, email = uniqueEmail(), password = GOOD_PASSWORD) => signUpSchema.parse({ name, email, password });

afterEach(() => {
  delete process.env.SIGN_UP_LIMIT_PER_HOUR;
});

describe("signUpSchema", () => {
  it("normalises the email and keeps the password as typed", () => {
    const email = uniqueEmail();
    expect(signUpSchema.parse({ name: " Ada ", email: ` ${email.toUpperCase()} `, password: GOOD_PASSWORD })).toEqual({
      name: "Ada",
      email,
      password: GOOD_PASSWORD,
    });
  });

  it("explains each refused field", () => {
    expect(fieldErrors({ name: "", email: "nope", password: GOOD_PASSWORD })).toEqual({
      name: "Enter your name.",
      email: "Enter a valid email address.",
    });
    expect(fieldErrors({ name: "Ada", email: uniqueEmail(), password: "short1" })).toEqual({ password: "Use at least 10 characters." });
    expect(fieldErrors({ name: "Ada", email: uniqueEmail(), password: "password123" })).toEqual({
      password: "This password is too common; choose another.",
    });
    expect(fieldErrors({ name: "Ada", email: "lovelace@example.test", password: "lovelace-2024!" })).toEqual({
      password: "Do not use your email address in the password.",
    });
  });
});

describe("signUpWithPassword", () => {
  it("creates an unverified user with a scrypt hash, a personal team, and sends a verification link", async () => {
    const fields = input("Grace Hopper", uniqueEmail("grace"));
    await signUpWithPassword(fields, randomIp());

    const stored = await db.user.findUniqueOrThrow({ where: { email: fields.email } });
    expect(stored).toMatchObject({ emailVerified: null, isPlatformAdmin: false });
    expect(stored.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(await verifyPassword(GOOD_PASSWORD, stored.passwordHash!)).toBe(true);

    const memberships = await db.membership.findMany({ where: { userId: stored.id }, include: { team: true } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "OWNER", team: { personal: true, name: "Grace Hopper's team" } });
    expect(memberships[0]!.team.slug).toMatch(/^grace-hopper(-[0-9a-f]{6})?$/);
    const audit = await db.auditLog.findFirst({ where: { teamId: memberships[0]!.teamId, action: "team.created" } });
    expect(audit).toMatchObject({ actorType: "USER", actorUserId: stored.id, metadata: { personal: true } });

    const [email] = await outboxFor(fields.email);
    expect(email).toMatchObject({ subject: "Verify your email address for Tollgate", status: "LOGGED" });
    expect(email!.text).toMatch(/http:\/\/localhost:3000\/verify-email\?token=[\w-]{43}\b/);
  });

  it("answers an address that has an account exactly like a new one, and tells that account instead", async () => {
    const email = uniqueEmail();
    await signUpWithPassword(input("First", email), randomIp());
    const original = await db.user.findUniqueOrThrow({ where: { email } });

    await expect(
      signUpWithPassword(input("Second", email.toUpperCase(), "another fine passphrase 7"), randomIp()),
    ).resolves.toBeUndefined();
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toEqual(original);
    expect(await db.team.count({ where: { name: "Second's team" } })).toBe(0);

    const [note, verification] = await outboxFor(email);
    expect(verification!.subject).toBe("Verify your email address for Tollgate");
    expect(note).toMatchObject({ subject: "Someone tried to sign up to Tollgate with your address" });
    expect(note!.text).toContain("http://localhost:3000/sign-in");
    expect(note!.text).not.toMatch(/token=/);

    // however often it happens, the account gets one note an hour
    await signUpWithPassword(input("Third", email), randomIp());
    expect(await outboxFor(email)).toHaveLength(2);
  });

  it("limits sign-ups per client address per hour (SIGN_UP_LIMIT_PER_HOUR), whether or not the addresses are new", async () => {
    process.env.SIGN_UP_LIMIT_PER_HOUR = "2";
    const ip = randomIp();
    const existing = uniqueEmail();
    await signUpWithPassword(input("One", existing), ip);
    await signUpWithPassword(input("Two", existing), ip);
    await expect(signUpWithPassword(input("Three"), ip)).rejects.toMatchObject({ code: "rate_limited", status: 429 });
    await expect(signUpWithPassword(input("Four"), randomIp())).resolves.toBeUndefined();
  });
});
