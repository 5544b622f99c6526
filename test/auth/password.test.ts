// lib/auth/password.ts: scrypt hashes and the password policy shown on the sign-up form.
import { describe, expect, it } from "vitest";
import { hashPassword, passwordWeakness, verifyPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { GOOD_PASSWORD } from "../factories";

describe("hashPassword / verifyPassword", () => {
  it("stores scrypt parameters and a salt, never the password", async () => {
    const hash = await hashPassword(GOOD_PASSWORD);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(hash).not.toContain(GOOD_PASSWORD);
    expect(await hashPassword(GOOD_PASSWORD)).not.toBe(hash); // random salt
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const hash = await hashPassword(GOOD_PASSWORD);
    expect(await verifyPassword(GOOD_PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${GOOD_PASSWORD} `, hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("refuses malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword(GOOD_PASSWORD, "")).toBe(false);
    expect(await verifyPassword(GOOD_PASSWORD, "bcrypt$2b$10$abc")).toBe(false);
    expect(await verifyPassword(GOOD_PASSWORD, "scrypt$32768$8$1$")).toBe(false);
  });
});

describe("passwordWeakness", () => {
  it.each([
    ["too short", "a1b2c3d4e", `Use at least ${PASSWORD_MIN_LENGTH} characters.`],
    ["too long", "ab1!".repeat(51), `Use at most ${PASSWORD_MAX_LENGTH} characters.`],
    ["too few distinct characters", "abababababab", "Use more different characters."],
    ["common", "Password123", "This password is too common; choose another."],
  ])("refuses a %s password", (_why, password, message) => {
    expect(passwordWeakness(password)).toBe(message);
  });

  it("refuses a password containing the email's local part, case-insensitively", () => {
    expect(passwordWeakness("my-Jonathan-2024!", "jonathan@example.test")).toBe("Do not use your email address in the password.");
    // very short local parts are too common inside words to be refused
    expect(passwordWeakness("my-jon-2024-pass!", "jon@example.test")).toBeNull();
  });

  it("accepts a reasonable password", () => {
    expect(passwordWeakness(GOOD_PASSWORD, "someone@example.test")).toBeNull();
    expect(passwordWeakness("x".repeat(6) + "yz12")).toBeNull();
  });
});
