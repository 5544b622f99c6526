// The form decoding the stripe SDK's request bodies depend on.
import { describe, expect, it } from "vitest";
import { StripeApiError } from "./errors";
import { Params, mergeMetadata, parseForm } from "./form";

describe("parseForm", () => {
  it("rebuilds nested hashes and indexed arrays the way the SDK encodes them", () => {
    const form = parseForm(
      "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][unit_amount]=2500" +
        "&line_items[1][quantity]=2&metadata[team]=t%20one&metadata[0]=zero&expand[]=a&expand[]=b.c&off_session=true",
    );
    expect(form).toEqual({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { unit_amount: "2500" } }, { quantity: "2" }],
      metadata: { team: "t one", "0": "zero" }, // metadata keys are never turned into an array
      expand: ["a", "b.c"],
      off_session: "true",
    });
  });

  it("reads typed values with Stripe's error messages", () => {
    const params = new Params(parseForm("amount=12x&confirm=yes&currency=USD&extra=1"));
    const error = (read: () => unknown) => {
      try {
        read();
      } catch (e) {
        return e instanceof StripeApiError ? { status: e.status, ...e.body } : e;
      }
    };
    expect(error(() => params.int("amount"))).toMatchObject({ status: 400, message: "Invalid integer: 12x", param: "amount" });
    expect(error(() => params.bool("confirm"))).toMatchObject({ message: "Invalid boolean: yes" });
    expect(error(() => params.string("name", true))).toMatchObject({ code: "parameter_missing", param: "name" });
    expect(error(() => params.only("amount", "confirm", "currency"))).toMatchObject({ code: "parameter_unknown", param: "extra" });
    expect(params.currency()).toBe("usd");
  });

  it("merges metadata like Stripe: empty values delete, an empty hash clears", () => {
    expect(mergeMetadata({ a: "1", b: "2" }, { b: "", c: "3" })).toEqual({ a: "1", c: "3" });
    expect(mergeMetadata({ a: "1" }, {})).toEqual({});
    expect(mergeMetadata({ a: "1" }, undefined)).toEqual({ a: "1" });
  });
});
