// The per-request security of pages (lib/http/page-security.ts, applied by proxy.ts): which requests
// a page refuses, and the policy and HSTS it answers with.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { PEER_HEADER, stampPeer } from "@/lib/http/client-address";
import { contentSecurityPolicy, newNonce, pageRequestProblem, pageSecurityHeaders } from "@/lib/http/page-security";

const page = (method: string, headers: Record<string, string> = {}, path = "/acme/keys") =>
  new Request(`http://localhost:3000${path}`, { method, headers });

describe("pageRequestProblem", () => {
  it("refuses a form posted from another origin, or from an opaque one", () => {
    for (const origin of ["https://attacker.example", "http://localhost:3001", "null"]) {
      expect(pageRequestProblem(page("POST", { origin, host: "localhost:3000" }))).toEqual({
        code: "forbidden",
        detail: expect.stringContaining("own pages"),
      });
    }
  });

  it("lets through our own origin (APP_URL or the host asked for), no origin at all, and reads", () => {
    expect(pageRequestProblem(page("POST", { origin: "http://localhost:3000", host: "localhost:3000" }))).toBeNull();
    expect(pageRequestProblem(page("POST", { origin: "https://portal.example", host: "portal.example" }))).toBeNull();
    expect(pageRequestProblem(page("POST", { host: "localhost:3000" }))).toBeNull();
    expect(pageRequestProblem(page("GET", { origin: "https://attacker.example" }))).toBeNull();
  });

  it("refuses broken request lines like the production server does", () => {
    expect(pageRequestProblem(page("GET", {}, "/catalog/%ff"))).toMatchObject({ code: "bad_request" });
    expect(pageRequestProblem(page("GET", {}, "/catalog?q=%00"))).toMatchObject({ code: "bad_request" });
  });
});

describe("pageSecurityHeaders", () => {
  it("sends a nonce policy, and HSTS only when the client came over HTTPS", () => {
    const nonce = newNonce();
    const plain = pageSecurityHeaders(page("GET", { "x-forwarded-proto": "https" }), nonce);
    expect(plain["content-security-policy"]).toContain(`'nonce-${nonce}' 'strict-dynamic'`);
    expect(plain["content-security-policy"]).toContain("frame-ancestors 'none'");
    // A client's own X-Forwarded-Proto proves nothing.
    expect(plain["strict-transport-security"]).toBeUndefined();

    stampPeer({ socket: { remoteAddress: "127.0.0.1", encrypted: true }, headers: {} } as unknown as IncomingMessage);
    const secure = pageSecurityHeaders(page("GET", { [PEER_HEADER]: "127.0.0.1 https" }), nonce);
    expect(secure["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(secure["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("allows eval in development only, and a fresh nonce every time", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: false, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", https: false, development: false })).not.toContain("'unsafe-eval'");
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
