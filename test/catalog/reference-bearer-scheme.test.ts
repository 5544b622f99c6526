// Issue 15, point 12: the reference shows the gateway's bearer key scheme when the document declares none,
// so Scalar's copied curl samples carry an Authorization header placeholder; a document with its own
// schemes is shown as written, and the stored document is never changed.
import { describe, expect, it } from "vitest";
import { GATEWAY_KEY_SCHEME, withGatewayKeyScheme } from "@/lib/catalog/reference-document";

const bare = () => ({
  openapi: "3.1.0",
  info: { title: "Quotes", version: "1" },
  paths: { "/quotes": { get: { responses: { "200": { description: "ok" } } } } },
  components: { schemas: { Quote: { type: "object" } } },
});

describe("withGatewayKeyScheme", () => {
  it("adds the bearer key scheme and requires it everywhere when the document declares none", () => {
    const original = bare();
    const { document, preferredScheme } = withGatewayKeyScheme(original);
    expect(preferredScheme).toBe(GATEWAY_KEY_SCHEME);
    expect(document.security).toEqual([{ [GATEWAY_KEY_SCHEME]: [] }]);
    expect(document.components).toEqual({
      schemas: { Quote: { type: "object" } },
      securitySchemes: { [GATEWAY_KEY_SCHEME]: expect.objectContaining({ type: "http", scheme: "bearer" }) },
    });
    expect(original).toEqual(bare()); // not mutated
  });

  it("adds it to a document without components, and with an empty securitySchemes", () => {
    const { components: _components, ...withoutComponents } = bare();
    expect(withGatewayKeyScheme(withoutComponents).preferredScheme).toBe(GATEWAY_KEY_SCHEME);
    expect(withGatewayKeyScheme({ ...bare(), components: { securitySchemes: {} } }).preferredScheme).toBe(GATEWAY_KEY_SCHEME);
  });

  it("leaves a document that declares its own schemes as written", () => {
    const declared = { ...bare(), components: { securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Key" } } } };
    expect(withGatewayKeyScheme(declared)).toEqual({ document: declared, preferredScheme: null });
    const swagger = { swagger: "2.0", securityDefinitions: { basic: { type: "basic" } } };
    expect(withGatewayKeyScheme(swagger).preferredScheme).toBeNull();
  });
});
