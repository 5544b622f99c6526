// MCP sign-in with OAuth, as an agent does it: the official MCP SDK client meets a 401, discovers
// the protected resource and the authorization server, registers itself, sends the person to the
// consent page with PKCE; the person (Chromium) picks a team and a cap and allows; the SDK exchanges
// the code and calls a tool, charged to that team. The grant then shows on the Keys page, where
// revoking it refuses the next call.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startUpstream, type Upstream } from "../../test/support/upstream-server";
import { MemoryOAuthProvider as MemoryProvider, listToolsWith } from "../../test/support/mcp-oauth-provider";
import { adminToken, confirmDialog, expect, teamBalance, test } from "../fixtures";

let upstream: Upstream;
test.beforeAll(async () => void (upstream = await startUpstream()));
test.afterAll(() => upstream.close());

/** The agent's side of the redirect: a loopback listener that takes the one code it is sent. */
async function startCallback() {
  let deliver: (params: URLSearchParams) => void = () => {};
  const received = new Promise<URLSearchParams>((resolve) => (deliver = resolve));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    res.writeHead(200, { "content-type": "text/plain" }).end("You can close this window.");
    if (url.pathname === "/callback") deliver(url.searchParams);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function provisionApi(request: import("@playwright/test").APIRequestContext, teamSlug: string) {
  const slug = `mcp-${Date.now().toString(36)}`;
  const headers = { authorization: `Bearer ${adminToken()}` };
  const posts: [string, unknown][] = [
    [
      "/api/v1/apis",
      {
        slug,
        name: `MCP ${slug}`,
        upstreamBaseUrl: upstream.url,
        status: "PUBLISHED",
        plans: [
          {
            slug: "metered",
            name: "Metered",
            price: "0.01",
            rateLimit: 1000,
            rateLimitWindowSec: 60,
            maxRequestBytes: 1_048_576,
            requiresApproval: false,
          },
        ],
      },
    ],
    [`/api/v1/teams/${teamSlug}/credits`, { amount: "1", reason: "e2e credit" }],
    [`/api/v1/teams/${teamSlug}/subscriptions`, { api: slug, plan: "metered" }],
  ];
  for (const [path, data] of posts) {
    const response = await request.post(path, { headers, data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  }
  return slug;
}

test("an MCP SDK client signs in with OAuth, the user consents in the portal, tool calls are charged, revoking on the Keys page stops them", async ({
  page,
  user,
  request,
  baseURL,
}) => {
  const slug = await provisionApi(request, user.teamSlug);
  const callback = await startCallback();
  const provider = new MemoryProvider(callback.url);
  const serverUrl = new URL(`${baseURL}/api/mcp/${slug}`);

  // 1. No token: the SDK reads the 401's resource_metadata, discovers, registers, builds the PKCE URL.
  const first = new Client({ name: "e2e-agent", version: "1.0.0" });
  await expect(first.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }))).rejects.toThrow(/Unauthorized/i);
  const authorizationUrl = provider.authorizationUrl!;
  expect(authorizationUrl.pathname).toBe("/oauth/authorize");
  expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorizationUrl.searchParams.get("resource")).toBe(serverUrl.toString());
  expect(provider.client?.client_id).toMatch(/^tgc_/);

  // 2. The person consents in Chromium: the client's name and where the answer goes, a team and a cap.
  await page.goto(authorizationUrl.toString());
  await expect(page.getByTestId("consent-client-name")).toHaveText("E2E Agent");
  await expect(page.getByTestId("consent-redirect-host")).toHaveText(new URL(callback.url).host);
  await page.getByLabel("Team").selectOption(user.teamSlug);
  await page.getByLabel(/Spend cap/).fill("0.50");
  await page.getByRole("button", { name: "Allow" }).click();
  const params = await callback.received;
  expect(params.get("state")).toBe(provider.expectedState);
  expect(params.get("iss")).toBe(new URL(baseURL!).origin);
  await callback.close();

  // 3. The SDK exchanges the code (with its verifier and the resource) and calls a tool.
  const transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
  await transport.finishAuth(params.get("code")!);
  expect(provider.saved?.access_token).toMatch(/^tgo_at_/);
  expect(provider.saved?.refresh_token).toMatch(/^tgo_rt_/);
  const agent = new Client({ name: "e2e-agent", version: "1.0.0" });
  await agent.connect(transport);
  const { tools } = await agent.listTools();
  const tool = tools.find((candidate) => candidate.name.startsWith(slug.replace(/-/g, "_")) || candidate.name.includes("request"));
  expect(tool, JSON.stringify(tools.map((t) => t.name))).toBeDefined();
  const result = await agent.callTool({ name: tool!.name, arguments: { path: "/echo" } });
  expect(result.isError ?? false, JSON.stringify(result)).toBe(false);
  expect(Number(await teamBalance(request, user.teamSlug))).toBe(0.99);

  // A code works once: the SDK's own exchange spent it.
  const replay = await fetch(`${baseURL}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code")!,
      code_verifier: provider.verifier,
      client_id: provider.client!.client_id,
      redirect_uri: callback.url,
    }),
  });
  expect(replay.status).toBe(400);
  expect((await replay.json()).error).toBe("invalid_grant");
  // ...and its replay revoked the grant, so sign in once more for the Keys page part.
  await expect(agent.callTool({ name: tool!.name, arguments: { path: "/echo" } })).rejects.toThrow();
  const secondCallback = await startCallback();
  const signIn = new MemoryProvider(secondCallback.url);
  await expect(
    new Client({ name: "e2e-agent", version: "1.0.0" }).connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: signIn })),
  ).rejects.toThrow(/Unauthorized/i);
  await page.goto(signIn.authorizationUrl!.toString());
  await page.getByLabel("Team").selectOption(user.teamSlug);
  await page.getByRole("button", { name: "Allow" }).click();
  const secondParams = await secondCallback.received;
  await secondCallback.close();
  const secondTransport = new StreamableHTTPClientTransport(serverUrl, { authProvider: signIn });
  await secondTransport.finishAuth(secondParams.get("code")!);
  const secondAgent = new Client({ name: "e2e-agent", version: "1.0.0" });
  await secondAgent.connect(secondTransport);
  expect((await secondAgent.callTool({ name: tool!.name, arguments: { path: "/echo" } })).isError ?? false).toBe(false);

  // 4. The Keys page lists both grants; the replayed one is already revoked. Revoke the live one.
  const rows = page.getByTestId("grant-row");
  const live = rows.filter({ hasText: "Active" });
  // An uncapped grant's spend comes from the usage rollups, written every 250 ms: reload until the calls are in.
  await expect(async () => {
    await page.goto(`/${user.teamSlug}/keys`);
    await expect(live.getByTestId("grant-spend")).toHaveText("$0.01 / no cap", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(rows).toHaveCount(2);
  await expect(live).toContainText("MCP: E2E Agent");
  await expect(rows.filter({ hasText: "a code was reused" }).getByTestId("grant-spend")).toHaveText("$0.01 / $0.50");
  await live.getByRole("button", { name: "Revoke" }).click();
  await confirmDialog(page, "Revoke MCP: E2E Agent?");
  await expect(rows.filter({ hasText: "Active" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "Revoked" }).filter({ hasNotText: "reused" })).toHaveCount(1);

  // 5. The next tool call is refused; the token itself gets 401 with where to sign in again.
  await expect(secondAgent.callTool({ name: tool!.name, arguments: { path: "/echo" } })).rejects.toThrow();
  const refused = await listToolsWith(serverUrl, signIn);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toContain(
    `resource_metadata="${baseURL}/.well-known/oauth-protected-resource/api/mcp/${slug}"`,
  );
  expect(Number(await teamBalance(request, user.teamSlug))).toBe(0.98);
});
