// lib/auth/sign-up.ts: validation messages, the new account's personal team, duplicate emails.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { signUpSchema, signUpWithPassword } from "@/lib/auth/sign-up";
import { GOOD_PASSWORD, uniqueEmail } from "../factories";

const fieldErrors = (input: object) => {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
};

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
  it("creates the user with a scrypt hash and a personal team it owns", async () => {
    const input = signUpSchema.parse({ name: "Grace Hopper", email: uniqueEmail("grace"), password: GOOD_PASSWORD });
    const user = await signUpWithPassword(input);

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(input.email);
    expect(stored.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(await verifyPassword(GOOD_PASSWORD, stored.passwordHash!)).toBe(true);

    const memberships = await db.membership.findMany({ where: { userId: user.id }, include: { team: true } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "OWNER", team: { personal: true, name: "Grace Hopper's team" } });
    expect(memberships[0]!.team.slug).toMatch(/^grace-hopper(-[0-9a-f]{6})?$/);

    const audit = await db.auditLog.findFirst({ where: { teamId: memberships[0]!.teamId, action: "team.created" } });
    expect(audit).toMatchObject({ actorType: "USER", actorUserId: user.id, metadata: { personal: true } });
  });

  it("refuses a second account for the same email with a field error, and leaves no trace", async () => {
    const email = uniqueEmail();
    await signUpWithPassword(signUpSchema.parse({ name: "First", email, password: GOOD_PASSWORD }));

    const second = signUpWithPassword(signUpSchema.parse({ name: "Second", email: email.toUpperCase(), password: GOOD_PASSWORD }));
    await expect(second).rejects.toMatchObject({
      code: "conflict",
      status: 409,
      fieldErrors: { email: "An account with this email already exists. Sign in instead." },
    });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.team.count({ where: { name: "Second's team" } })).toBe(0);
  });
});
