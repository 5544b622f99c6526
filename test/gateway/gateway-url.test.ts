// GATEWAY_URL: the origin the portal shows for gateway calls (catalog page, reference, quickstart),
// falling back to APP_URL; links back to the portal keep APP_URL.
import { afterEach, describe, expect, it } from "vitest";
import { appUrl, gatewayUrl } from "@/lib/env";

afterEach(() => {
  delete process.env.GATEWAY_URL;
});

describe("gatewayUrl", () => {
  it("is the app's own origin unless GATEWAY_URL is set", () => {
    expect(gatewayUrl()).toBe(appUrl());
    process.env.GATEWAY_URL = "https://api.example.com/";
    expect(gatewayUrl()).toBe("https://api.example.com");
    expect(appUrl()).toBe("http://localhost:3000");
  });

  it("refuses a GATEWAY_URL that is not an http(s) URL", () => {
    process.env.GATEWAY_URL = "ftp://api.example.com";
    expect(() => gatewayUrl()).toThrow();
  });
});
