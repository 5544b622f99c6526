// The official MCP SDK client's own OAuth flow over real HTTP: a 401 from /api/mcp/{api}, discovery of
// the protected resource and authorization server metadata, dynamic registration, PKCE, the code
// exchange with the resource, tool calls charged to the team the user picked, a refresh when the
// access token expires, and a revoked grant refusing the next call. The server is the production
// node:http server (createAppServer) with the MCP mount and the OAuth route handlers; the person's
// consent is lib/oauth/consent's allowAuthorization, which the consent page's action calls
// (e2e/ui/mcp-oauth.spec.ts drives the page itself in Chromium).
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { GET as asMetadata } from "@/app/.well-known/oauth-authorization-server/route";
import { GET as prmRoot } from "@/app/.well-known/oauth-protected-resource/route";
import { GET as prmPath } from "@/app/.well-known/oauth-protected-resource/[...path]/route";
import { POST as registerRoute } from "@/app/api/oauth/register/route";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import { POST as revokeRoute } from "@/app/api/oauth/revoke/route";
import { db } from "@/lib/db";
import { createAppServer, drainServer } from "@/lib/gateway/node-server";
import { clientFromNode } from "@/lib/http/client-address";
import { MCP_PATH_PREFIX, handleMcpRequest } from "@/lib/mcp/handle-mcp-request";
import { allowAuthorization } from "@/lib/oauth/consent";
import { revokeTeamGrant } from "@/lib/oauth/team-grants";
import { createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { MemoryOAuthProvider, listToolsWith } from "../support/mcp-oauth-provider";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { userActor } from "../support/key-factories";
import { ECHO_DOCUMENT } from "../mcp/fixtures";

let upstream: Upstream;
let server: ReturnType<typeof createAppServer>;
let origin: string;
const previousAppUrl = process.env.APP_URL;

const notFound = () => Response.json({ error: "not_found" }, { status: 404 });
const wellKnown = async (request: Request) => {
  const path = new URL(request.url).pathname.split("/").filter(Boolean);
  if (path[1] === "oauth-authorization-server" && path.length === 2) return asMetadata();
  if (path[1] !== "oauth-protected-resource") return notFound();
  return path.length === 2 ? prmRoot() : prmPath(request, { params: Promise.resolve({ path: path.slice(2) }) });
};
const oauthApi = async (request: Request) => {
  const route = { "/api/oauth/register": registerRoute, "/api/oauth/token": tokenRoute, "/api/oauth/revoke": revokeRoute }[
    new URL(request.url).pathname
  ];
  return route && request.method === "POST" ? route(request) : notFound();
};

beforeAll(async () => {
  upstream = await startUpstream();
  server = createAppServer({
    origin: "http://127.0.0.1",
    pages: (_req, res) => void res.writeHead(404).end(),
    mounts: [
      { prefix: MCP_PATH_PREFIX, handler: (request, req) => handleMcpRequest(request, clientFromNode(req)) },
      { prefix: "/.well-known/", handler: wellKnown },
      { prefix: "/api/oauth/", handler: oauthApi },
    ],
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.APP_URL = origin; // issuer, endpoints and resources are this server's
});
afterAll(async () => {
  process.env.APP_URL = previousAppUrl;
  await drainServer(server, 0);
  await upstream.close();
});

it("signs in through discovery, registration and PKCE, calls tools charged to the chosen team, refreshes, and stops when the grant is revoked", async () => {
  const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, price: 1_000n });
  await db.api.update({ where: { id: fixture.api.id }, data: { openapi: ECHO_DOCUMENT } });
  const serverUrl = new URL(`${origin}/api/mcp/${fixture.slug}`);
  const provider = new MemoryOAuthProvider("http://127.0.0.1:8976/callback", "SDK Agent");

  await expect(
    new Client({ name: "t", version: "1" }).connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider })),
  ).rejects.toThrow(/Unauthorized/i);
  const authorizationUrl = provider.authorizationUrl!;
  expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(`${origin}/oauth/authorize`);
  expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
    response_type: "code",
    client_id: provider.client!.client_id,
    code_challenge_method: "S256",
    resource: serverUrl.toString(),
    state: provider.expectedState,
  });

  // The person allows on the consent page (its action calls allowAuthorization with the same request).
  const outcome = await allowAuthorization(fixture.owner.id, authorizationUrl.searchParams, {
    team: fixture.team.slug,
    spendCap: "",
    expiry: "30",
  });
  const redirect = new URL((outcome as { redirectTo: string }).redirectTo);
  expect(redirect.searchParams.get("state")).toBe(provider.expectedState);

  const transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
  await transport.finishAuth(redirect.searchParams.get("code")!);
  const agent = new Client({ name: "t", version: "1" });
  await agent.connect(transport);
  const { tools } = await agent.listTools();
  const echo = tools.find((tool) => tool.name.endsWith("echoGet"))!;
  expect(echo).toBeDefined();
  expect((await agent.callTool({ name: echo.name, arguments: { q: "1" } })).isError ?? false).toBe(false);

  // The access token expires: the SDK refreshes (rotation) and the call goes through.
  const firstRefresh = provider.saved!.refresh_token!;
  await db.oAuthToken.updateMany({
    where: { kind: "ACCESS", grant: { teamId: fixture.team.id } },
    data: { expiresAt: new Date(Date.now() - 1) },
  });
  expect((await agent.callTool({ name: echo.name, arguments: { q: "2" } })).isError ?? false).toBe(false);
  expect(provider.saved!.refresh_token).not.toBe(firstRefresh);
  expect(await expectLedgerInvariant(fixture.team.id)).toBe(8_000n);

  // An owner revokes the grant on the Keys page: the next call is refused, uncharged.
  const grant = await db.oAuthGrant.findFirstOrThrow({ where: { teamId: fixture.team.id } });
  await revokeTeamGrant(fixture.team.id, grant.id, userActor(fixture.owner.id));
  await expect(agent.callTool({ name: echo.name, arguments: { q: "3" } })).rejects.toThrow();
  const refused = await listToolsWith(serverUrl, provider);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toContain(
    `resource_metadata="${origin}/.well-known/oauth-protected-resource/api/mcp/${fixture.slug}"`,
  );
  expect(await expectLedgerInvariant(fixture.team.id)).toBe(8_000n);
});
