// Discovery documents and dynamic client registration: what an MCP client reads first, and the
// bounds on what anyone may register.
import { describe, expect, it } from "vitest";
import { GET as asMetadata } from "@/app/.well-known/oauth-authorization-server/route";
import { GET as prmRoot } from "@/app/.well-known/oauth-protected-resource/route";
import { GET as prmPath } from "@/app/.well-known/oauth-protected-resource/[...path]/route";
import { db } from "@/lib/db";
import { REGISTRATIONS_PER_HOUR } from "@/lib/oauth/register-client";
import { mcpWwwAuthenticate } from "@/lib/oauth/resource";
import { randomIp } from "../factories";
import { register, REDIRECT_URI } from "./oauth-flow";

const perPath = (path: string[]) => prmPath(new Request("http://localhost:3000/x"), { params: Promise.resolve({ path }) });

describe("metadata", () => {
  it("describes the authorization server (RFC 8414): code + PKCE S256 only, public clients, its endpoints", async () => {
    const body = await asMetadata().json();
    expect(body).toMatchObject({
      issuer: "http://localhost:3000",
      authorization_endpoint: "http://localhost:3000/oauth/authorize",
      token_endpoint: "http://localhost:3000/api/oauth/token",
      registration_endpoint: "http://localhost:3000/api/oauth/register",
      revocation_endpoint: "http://localhost:3000/api/oauth/revoke",
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none"],
    });
  });

  it("describes /api/mcp and each /api/mcp/{api} as protected resources (RFC 9728), and nothing else", async () => {
    expect(await prmRoot().json()).toMatchObject({
      resource: "http://localhost:3000/api/mcp",
      authorization_servers: ["http://localhost:3000"],
    });
    expect(await (await perPath(["api", "mcp"])).json()).toMatchObject({ resource: "http://localhost:3000/api/mcp" });
    expect(await (await perPath(["api", "mcp", "weather"])).json()).toMatchObject({ resource: "http://localhost:3000/api/mcp/weather" });
    for (const path of [
      ["api", "gateway", "weather"],
      ["api", "mcp", "a", "b"],
      ["api", "mcp", "Bad_Slug"],
    ]) {
      expect((await perPath(path)).status).toBe(404);
    }
  });

  it("names the metadata URL in the 401's WWW-Authenticate, per path", () => {
    expect(mcpWwwAuthenticate("http://localhost:3000/api/mcp/weather")).toBe(
      'Bearer resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/api/mcp/weather"',
    );
    expect(mcpWwwAuthenticate("http://localhost:3000/api/mcp", "invalid_token")).toContain('error="invalid_token"');
  });
});

describe("dynamic client registration", () => {
  it("registers a public client: a client_id, no secret, auth method none, exactly the redirect URIs given", async () => {
    const response = await register({
      token_endpoint_auth_method: "client_secret_basic",
      redirect_uris: [REDIRECT_URI, "https://agent.example/cb"],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({
      client_name: "Test Agent",
      token_endpoint_auth_method: "none",
      redirect_uris: [REDIRECT_URI, "https://agent.example/cb"],
    });
    expect(body.client_id).toMatch(/^tgc_/);
    expect(body).not.toHaveProperty("client_secret");
    const row = await db.oAuthClient.findUniqueOrThrow({ where: { id: body.client_id } });
    expect(row.redirectUris).toEqual([REDIRECT_URI, "https://agent.example/cb"]);
  });

  it.each([
    [{ redirect_uris: ["http://agent.example/cb"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["https://agent.example/cb#frag"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["javascript:alert(1)"] }, "invalid_redirect_uri"],
    [{ redirect_uris: ["https://user:pw@agent.example/cb"] }, "invalid_redirect_uri"],
    [{ redirect_uris: [`https://agent.example/${"a".repeat(600)}`] }, "invalid_redirect_uri"],
    [{ redirect_uris: [] }, "invalid_client_metadata"],
    [{ redirect_uris: Array.from({ length: 11 }, (_, i) => `https://agent.example/${i}`) }, "invalid_client_metadata"],
    [{ client_name: "x".repeat(101) }, "invalid_client_metadata"],
    [{ grant_types: ["client_credentials"] }, "invalid_client_metadata"],
    [{ response_types: ["token"] }, "invalid_client_metadata"],
  ])("refuses %j with %s", async (metadata, error) => {
    const response = await register(metadata);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe(error);
  });

  it("allows loopback http and reverse-domain app schemes for native clients", async () => {
    for (const uri of ["http://localhost:33418/cb", "http://127.0.0.1/cb", "http://[::1]:9/cb", "com.example.agent:/oauth/cb"]) {
      expect((await register({ redirect_uris: [uri] })).status).toBe(201);
    }
  });

  it("refuses a body that is not JSON or over 16 KiB, without a 500", async () => {
    const { POST } = await import("@/app/api/oauth/register/route");
    const notJson = await POST(
      new Request("http://localhost:3000/api/oauth/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      }),
    );
    expect(notJson.status).toBe(400);
    const huge = await register({ software_statement: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
  });

  it(`allows ${REGISTRATIONS_PER_HOUR} registrations per address per hour, then 429 with Retry-After`, async () => {
    const ip = randomIp();
    for (let i = 0; i < REGISTRATIONS_PER_HOUR; i++) expect((await register({}, ip)).status).toBe(201);
    const refused = await register({}, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await register({}, randomIp())).status).toBe(201);
  });

  it("strips control characters from the client name and names unnamed clients", async () => {
    expect((await (await register({ client_name: "Evil\u202Egnp.exe\u0007" })).json()).client_name).toBe("Evilgnp.exe");
    expect((await (await register({ client_name: "   " })).json()).client_name).toBe("Unnamed MCP client");
  });
});
