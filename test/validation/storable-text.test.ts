// The one rule for text PostgreSQL cannot store (lib/validation.ts): NUL and unpaired surrogates,
// in values and in keys, at any depth, reported by path; paired surrogates (emoji) are fine.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findUnstorableText, isStorableText, unstorableTextErrors, validateInput } from "@/lib/validation";

describe("isStorableText", () => {
  it("refuses NUL and lone surrogates, accepts paired surrogates and ordinary text", () => {
    expect(["plain", "emoji 😀", "ünïcødé", ""].every(isStorableText)).toBe(true);
    expect(["a\u0000b", "\ud800", "x\udc00", "\ud83d", "\ude00x"].some(isStorableText)).toBe(false);
  });
});

describe("findUnstorableText", () => {
  it("names the first bad value or key in document order", () => {
    expect(findUnstorableText({ a: "ok", plans: [{ name: "ok" }, { name: "bad\u0000" }], z: "\ud800" })).toEqual(["plans", "1", "name"]);
    expect(findUnstorableText({ ["k\u0000"]: 1 })).toEqual(["k\ufffd"]);
    expect(findUnstorableText("\u0000")).toEqual([]);
    expect(findUnstorableText({ a: 1, b: [true, null, "fine"] })).toBeNull();
  });

  it("walks a value nested 20,000 deep without overflowing the stack", () => {
    let deep: unknown = "bottom\u0000";
    for (let level = 0; level < 20_000; level++) deep = { a: [deep] };
    expect(findUnstorableText(deep)).toHaveLength(40_000);
  });
});

describe("validateInput", () => {
  it("refuses unstorable text before the schema runs, with a message on the field", () => {
    const schema = z.object({ name: z.string().min(100) });
    expect(() => validateInput(schema, { name: "a\u0000" })).toThrow(
      expect.objectContaining({ code: "validation_failed", fieldErrors: unstorableTextErrors({ name: "\u0000" }) }),
    );
  });
});
