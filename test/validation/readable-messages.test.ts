// zod's own wording never reaches a person: every issue kind gets a sentence (lib/forms/readable-issues.ts),
// installed once for every parse by lib/validation.ts; a message written in a schema still wins.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, validateInput } from "@/lib/validation";
import { AppError } from "@/lib/errors";
import { createApiSchema } from "@/lib/catalog/api-schemas";
import { alertSettingsSchema } from "@/lib/billing/alerts/alert-settings";
import { checkedAfterSubmit, fieldErrorOf, valueAfterSubmit } from "@/lib/forms/form-state";

/** zod's built-in English: "Too small: …", "Invalid input: …", "Invalid option: …", "Unrecognized key…". */
const ZOD_WORDING =
  /Too small|Too big|Invalid input|Invalid option|Invalid string|Invalid number|Unrecognized key|expected .* received|>=|<=/;

const messagesOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected a refusal");
  return fieldErrors(result.error);
};

describe("readable zod messages", () => {
  const schema = z
    .object({
      name: z.string().min(1),
      title: z.string().min(3).max(5),
      count: z.number().int().min(0).max(10),
      email: z.email(),
      site: z.url(),
      role: z.enum(["OWNER", "MEMBER"]),
      tags: z.array(z.string()).min(1).max(2),
      enabled: z.boolean(),
      step: z.number().multipleOf(5),
      code: z.string().regex(/^[a-z]+$/),
      either: z.union([z.literal(""), z.string().regex(/^\d+$/, "Use digits only.")]),
    })
    .strict();

  it("says what to do for every kind of issue, in words a person reads", () => {
    const errors = messagesOf(schema, {
      name: "",
      title: "ab",
      count: 1.5,
      email: "nope",
      site: "not a url",
      role: "KING",
      tags: [],
      enabled: "yes",
      step: 7,
      code: "ABC",
      either: "x1",
      extra: true,
    });
    expect(errors).toEqual({
      name: "Enter a value.",
      title: "Use at least 3 characters.",
      count: "Enter a whole number.",
      email: "Enter an email address, like name@example.com.",
      site: "Enter a full URL, like https://example.com.",
      role: "Choose one of: OWNER, MEMBER.",
      tags: "Choose at least one.",
      enabled: "Choose yes or no.",
      step: "Must be a multiple of 5.",
      code: "Use the expected format.",
      either: "Use digits only.",
      body: "Remove the unknown field: extra.",
    });
    for (const message of Object.values(errors)) expect(message).not.toMatch(ZOD_WORDING);
  });

  it("names bounds and missing fields", () => {
    expect(
      messagesOf(schema.pick({ title: true, count: true, tags: true }), { title: "abcdefg", count: -1, tags: ["a", "b", "c"] }),
    ).toEqual({
      title: "Use at most 5 characters.",
      count: "Must be 0 or more.",
      tags: "Use at most 2 items.",
    });
    expect(messagesOf(schema.pick({ count: true }), { count: 11 })).toEqual({ count: "Must be 10 or less." });
    expect(messagesOf(schema.pick({ name: true, count: true }), {})).toEqual({
      name: "This field is required.",
      count: "This field is required.",
    });
    expect(messagesOf(z.object({ n: z.number() }), { n: Number.NaN })).toEqual({ n: "Enter a number." });
  });

  it("says a negative price or amount must be 0 or more", () => {
    const plan = { slug: "free", name: "Free", description: "", price: "-1", rateLimit: 60, rateLimitWindowSec: 60, maxRequestBytes: 0 };
    const api = createApiSchema.safeParse({ slug: "neg", kind: "REST", name: "Neg", plans: [plan] });
    expect(fieldErrors(api.error!)["plans.0.price"]).toBe("Must be 0 or more.");
    expect(messagesOf(alertSettingsSchema, { lowBalanceThreshold: "-5.00" })).toEqual({ lowBalanceThreshold: "Must be 0 or more." });
  });

  it("keeps the messages a schema wrote itself", () => {
    expect(messagesOf(z.object({ n: z.string().min(2, "Two letters at least.") }), { n: "" })).toEqual({ n: "Two letters at least." });
  });

  it("reaches a form through validateInput, and the product's own schemas", () => {
    let refused: unknown;
    try {
      validateInput(alertSettingsSchema, { lowBalanceThreshold: "abc", webhookUrl: "" });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fieldErrors).toEqual({
      lowBalanceThreshold: "Use a decimal amount with at most six decimals, e.g. 12.50.",
    });

    const api = createApiSchema.safeParse({ slug: "x", kind: "REST", name: "", plans: [{ name: "", price: "0.01" }] });
    expect(api.success).toBe(false);
    for (const message of Object.values(fieldErrors(api.error!))) expect(message).not.toMatch(ZOD_WORDING);
  });
});

describe("form state after a submit", () => {
  const refused = { ok: false, values: { name: "typed", agree: "on" }, fieldErrors: { name: "Too short." } };
  const saved = { ok: true, values: { name: "typed" }, fieldErrors: { name: "stale" } };

  it("keeps what was typed after a refusal and shows the saved data after a success", () => {
    expect(valueAfterSubmit(refused, "name", "saved")).toBe("typed");
    expect(valueAfterSubmit(refused, "other", "saved")).toBe("saved");
    expect(valueAfterSubmit(saved, "name", "saved")).toBe("saved");
    expect(valueAfterSubmit({}, "name", "saved")).toBe("saved");
  });

  it("reads an absent checkbox as unticked only after a refusal", () => {
    expect(checkedAfterSubmit(refused, "agree", false)).toBe(true);
    expect(checkedAfterSubmit(refused, "remember", true)).toBe(false);
    expect(checkedAfterSubmit(saved, "remember", true)).toBe(true);
  });

  it("shows a field's message only for the refusal it belongs to", () => {
    expect(fieldErrorOf(refused, "name")).toBe("Too short.");
    expect(fieldErrorOf(saved, "name")).toBeUndefined();
  });
});
