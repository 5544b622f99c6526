import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, isWellFormedApiKey, maskApiKey } from "@/lib/keys/key-format";

describe("API key format", () => {
  it("generates prefixed keys whose checksum verifies and whose hash is SHA-256 of the key", () => {
    const { key, hash, prefix, lastFour } = generateApiKey("live");
    expect(key).toMatch(/^tg_live_[0-9A-Za-z]{36}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toContain(key.slice(8));
    expect(prefix).toBe("tg_live_");
    expect(lastFour).toBe(key.slice(-4));
    expect(maskApiKey(prefix, lastFour)).toBe(`tg_live_…${lastFour}`);
    expect(generateApiKey("test").key.startsWith("tg_test_")).toBe(true);
  });

  it("never repeats a key", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey().key));
    expect(keys.size).toBe(2000);
  });

  it("refuses a mistyped character, a wrong prefix, a truncated key and junk", () => {
    const { key } = generateApiKey();
    const position = 12;
    const swapped = key.slice(0, position) + (key[position] === "a" ? "b" : "a") + key.slice(position + 1);
    expect(isWellFormedApiKey(swapped)).toBe(false);
    expect(isWellFormedApiKey(key.replace("tg_live_", "tg_prod_"))).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey("")).toBe(false);
    expect(isWellFormedApiKey("Bearer " + key)).toBe(false);
  });
});
