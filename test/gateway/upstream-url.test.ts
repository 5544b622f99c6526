import { describe, expect, it } from "vitest";
import { BadGatewayPath, parseGatewayUrl, upstreamUrl } from "@/lib/gateway/upstream-url";

describe("parseGatewayUrl", () => {
  it("splits slug, path and query without decoding the path", () => {
    expect(parseGatewayUrl("http://h/api/gateway/demo/v1/items%20x?q=a%26b")).toEqual({
      slug: "demo",
      path: "/v1/items%20x",
      search: "?q=a%26b",
    });
    expect(parseGatewayUrl("http://h/api/gateway/demo")).toEqual({ slug: "demo", path: "/", search: "" });
  });

  it.each(["/a%2Fb", "/a%5cb", "/a%00", "//host/x", "/https://evil/x", "/%zz"])("refuses %s", (path) => {
    expect(() => parseGatewayUrl(`http://h/api/gateway/demo${path}`)).toThrow(BadGatewayPath);
  });

  it.each(["/v1/%2e%2E/x", "/v1/./x", "/v1/..\\x", "/v1/a\\..\\..\\x"])("never yields a dot segment for %s", (path) => {
    // URL parsing (ours and the server's router) resolves these before the gateway routes the call:
    // what is left stays under /api/gateway/ and holds no `.` or `..` segment.
    const target = parseGatewayUrl(`http://h/api/gateway/demo${path}`);
    expect(target.path.split("/")).not.toContain("..");
    expect(target.path.split("/")).not.toContain(".");
    expect(target.path).not.toContain("\\");
  });

  it("joins base URL and path without doubling slashes", () => {
    const target = parseGatewayUrl("http://h/api/gateway/demo/echo?x=1");
    expect(upstreamUrl("http://up.example/base/", target)).toBe("http://up.example/base/echo?x=1");
  });
});
