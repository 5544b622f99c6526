// The portal's create-key form -> the domain input: decimal amounts to micro-units, expiry presets,
// one checkbox per API.
import { describe, expect, it } from "vitest";
import { keyFormSchema, toCreateInput } from "@/app/(portal)/[team]/keys/key-form";

const form = (fields: Record<string, string>) => keyFormSchema.parse({ name: "Backend", ...fields });

describe("toCreateInput", () => {
  it("maps a minimal form to a live key on all APIs, no expiry, no cap", () => {
    expect(toCreateInput(form({}))).toEqual({
      name: "Backend",
      mode: "live",
      scopeAllApis: true,
      scopeApiIds: [],
      scopeManage: false,
      expiresAt: null,
      spendCap: null,
    });
  });

  it("reads the chosen APIs, the expiry preset, the cap in micro-units and the manage box", () => {
    const now = Date.UTC(2026, 0, 1);
    const input = toCreateInput(
      form({ scope: "selected", "api:a1": "on", "api:b2": "on", expiry: "90", spendCap: " 12.5 ", scopeManage: "on" }),
      now,
    );
    expect(input).toMatchObject({
      scopeAllApis: false,
      scopeApiIds: ["a1", "b2"],
      scopeManage: true,
      spendCap: 12_500_000n,
      expiresAt: new Date(now + 90 * 86_400_000),
    });
  });

  it("refuses an amount that is not a plain decimal, next to the field", () => {
    for (const spendCap of ["12.5.0", "-3", "1e3", "0.0000001"]) {
      expect(() => toCreateInput(form({ spendCap }))).toThrow(
        expect.objectContaining({ code: "validation_failed", fieldErrors: { spendCap: expect.any(String) } }),
      );
    }
  });
});
