// lib/crypto.ts: secrets at rest must round-trip and any tampering must be detected.
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, randomToken, sha256Hex, timingSafeEqualStrings } from "@/lib/crypto";

const originalKey = process.env.TOLLGATE_ENCRYPTION_KEY;
afterEach(() => {
  process.env.TOLLGATE_ENCRYPTION_KEY = originalKey;
});

/** Flips one bit of one base64url part of a sealed value. */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0]! ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including unicode and the empty string", () => {
    for (const plaintext of ["sk_live_abc123", "clé secrète ✓", ""]) {
      const sealed = encryptSecret(plaintext);
      expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]*$/);
      expect(sealed).not.toContain(plaintext || "never");
      expect(decryptSecret(sealed)).toBe(plaintext);
    }
  });

  it("uses a fresh IV, so equal plaintexts give different ciphertexts", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it.each([
    ["iv", 1],
    ["auth tag", 2],
    ["ciphertext", 3],
  ] as const)("detects a tampered %s", (_name, part) => {
    expect(() => decryptSecret(tamper(encryptSecret("upstream-credential"), part))).toThrow();
  });

  it("refuses a value sealed with another key", () => {
    const sealed = encryptSecret("upstream-credential");
    process.env.TOLLGATE_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
    expect(() => decryptSecret(sealed)).toThrow();
  });

  it("refuses unknown formats and a missing or short key", () => {
    expect(() => decryptSecret("v2.a.b.c")).toThrow(/unrecognised/);
    expect(() => decryptSecret("not-encrypted")).toThrow(/unrecognised/);
    process.env.TOLLGATE_ENCRYPTION_KEY = Buffer.alloc(16).toString("base64");
    expect(() => encryptSecret("x")).toThrow(/32 bytes/);
    delete process.env.TOLLGATE_ENCRYPTION_KEY;
    expect(() => encryptSecret("x")).toThrow(/32 bytes/);
  });
});

describe("hashing and tokens", () => {
  it("sha256Hex matches the standard test vector", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("randomToken is URL-safe and unique", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => randomToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("timingSafeEqualStrings compares content and length", () => {
    expect(timingSafeEqualStrings("abc", "abc")).toBe(true);
    expect(timingSafeEqualStrings("abc", "abd")).toBe(false);
    expect(timingSafeEqualStrings("abc", "abcd")).toBe(false);
  });
});
