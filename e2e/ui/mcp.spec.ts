// The team's MCP page: a new developer subscribes to the Demo API, finds the server URL and the
// configuration of each client (the key in a header, never in the URL or on the page), the Demo
// API's tools; then a team key calls a tool over MCP on the production server (scripts/serve.ts
// mounts /api/mcp on node:http). The API page has the same section for one API.
import { test, expect, type Page } from "../fixtures";
import { saveScreenshot } from "../fixtures/screenshots";

const MCP_HEADERS = { accept: "application/json, text/event-stream", "content-type": "application/json" };

async function subscribeToDemo(page: Page, teamSlug: string) {
  await page.goto(`/${teamSlug}/catalog`);
  const card = page.getByTestId("api-card").filter({ has: page.getByRole("heading", { name: "Demo API", exact: true }) });
  await card.getByLabel("Plan").selectOption("free");
  await card.getByRole("button", { name: "Subscribe" }).click();
  await expect(card.getByRole("status")).toHaveText("Subscribed to Demo API on Free.");
}

test("the MCP page shows the server URL, each client's configuration and the team's tools; a tool call works with a team key", async ({
  page,
  user,
  request,
  baseURL,
}) => {
  await page.goto(`/${user.teamSlug}/mcp`);
  await expect(page.getByRole("heading", { level: 1, name: "MCP" })).toBeVisible();
  await expect(page.getByText("No API tools yet")).toBeVisible();

  await subscribeToDemo(page, user.teamSlug);
  await page.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "MCP" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "MCP" })).toBeVisible();
  const connect = page.getByTestId("mcp-connect");
  await expect(connect.getByLabel("MCP server URL")).toHaveValue(`${baseURL}/api/mcp`);
  const panel = connect.getByTestId("quickstart-panel");
  await expect(panel.locator("code")).toHaveText(
    `claude mcp add --transport http tollgate ${baseURL}/api/mcp \\\n  --header "Authorization: Bearer $TOLLGATE_KEY"`,
  );
  for (const [tab, expected] of [
    ["Claude Desktop", '"mcp-remote"'],
    ["Cursor", '"Authorization": "Bearer ${env:TOLLGATE_KEY}"'],
    ["VS Code", '"Authorization": "Bearer ${input:tollgate-key}"'],
  ] as const) {
    await connect.getByRole("tab", { name: tab }).click();
    await expect(panel.locator("code")).toContainText(expected);
    await expect(panel.locator("code")).toContainText(`${baseURL}/api/mcp"`);
  }
  const tools = page.getByTestId("mcp-tools");
  await expect(tools.getByTestId("mcp-tool").filter({ hasText: "tollgate_balance" })).toBeVisible();
  await expect(tools.getByTestId("mcp-tool").filter({ hasText: "demo_echoGet" })).toContainText("Echo a GET");
  await expect(tools.getByTestId("mcp-tool").filter({ hasText: "demo_echoGet" })).toContainText("read-only");
  await expect(page.getByRole("link", { name: "Keys page" })).toHaveAttribute("href", `/${user.teamSlug}/keys`);
  await expect(page.locator("body")).not.toContainText("tg_live_");
  await saveScreenshot(page, "mcp-page");

  // A team key from the Keys page, then the tool over MCP, as an agent would call it.
  await page.goto(`/${user.teamSlug}/keys`);
  await page.getByLabel("Key name").fill("Agent");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("revealed-value").inputValue();
  const headers = { ...MCP_HEADERS, authorization: `Bearer ${key}` };
  const init = await request.post("/api/mcp", {
    headers,
    data: {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "e2e", version: "1" } },
    },
  });
  expect(init.status(), await init.text()).toBe(200);
  expect((await init.json()).result.serverInfo.name).toBe("tollgate");
  const called = await request.post("/api/mcp/demo", {
    headers: { ...headers, "mcp-protocol-version": "2025-11-25" },
    data: { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "demo_echoGet", arguments: {} } },
  });
  expect(called.status(), await called.text()).toBe(200);
  const { result } = await called.json();
  expect(result.isError ?? false).toBe(false);
  expect(result.structuredContent).toMatchObject({ method: "GET" });
  // Without credentials: 401 pointing at the OAuth metadata.
  const anonymous = await request.post("/api/mcp", { headers: MCP_HEADERS, data: { jsonrpc: "2.0", id: 3, method: "tools/list" } });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toBe(
    `Bearer resource_metadata="${baseURL}/.well-known/oauth-protected-resource/api/mcp"`,
  );
});

test("an API page gives the MCP server of that API", async ({ page, user, baseURL }) => {
  await page.goto("/catalog/demo");
  const section = page.getByRole("region", { name: "Use it from an agent (MCP)" });
  await expect(section.getByLabel("MCP server URL")).toHaveValue(`${baseURL}/api/mcp/demo`);
  await expect(section.getByTestId("quickstart-panel").locator("code")).toContainText(
    `claude mcp add --transport http tollgate-demo ${baseURL}/api/mcp/demo`,
  );
  await expect(section.getByRole("link", { name: "MCP page" })).toHaveAttribute("href", `/${user.teamSlug}/mcp`);
});
