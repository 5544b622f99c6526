// The public catalog and an API's page: a signed-out visitor searches, filters by tag and reads the
// Demo API's page with its OpenAPI reference; a signed-in developer subscribes, creates a key and
// calls the API from the page's try-it console, which charges the team like any call.
import { test, expect, adminToken, type Page } from "../fixtures";
import { saveScreenshot } from "../fixtures/screenshots";

const demoCard = (page: Page) => page.getByTestId("api-card").filter({ has: page.getByRole("heading", { name: "Demo API", exact: true }) });

test("a signed-out visitor searches the catalog, filters by tag and reads the Demo API's reference", async ({ page }) => {
  await page.goto("/catalog");
  await expect(page.getByRole("heading", { level: 1, name: "API catalog" })).toBeVisible();
  await expect(demoCard(page).getByTestId("price-from")).toHaveText("Free");

  // The search is a plain GET form: the URL carries it.
  await page.getByLabel("Search APIs").fill("SERVER-SENT");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/catalog\?q=SERVER-SENT$/);
  await expect(page.getByTestId("api-card")).toHaveCount(1);
  await expect(demoCard(page)).toBeVisible();

  // Tag chips keep the search and toggle.
  const tags = page.getByRole("navigation", { name: "Filter by tag" });
  await tags.getByRole("link", { name: /^echo \(1\)$/ }).click();
  await expect(page).toHaveURL(/\/catalog\?q=SERVER-SENT&tag=echo$/);
  await expect(tags.getByRole("link", { name: /^echo/ })).toHaveAttribute("aria-current", "page");
  await expect(demoCard(page)).toBeVisible();
  await saveScreenshot(page, "catalog");

  await page.getByLabel("Search APIs").fill("no-such-api-anywhere");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No APIs match “no-such-api-anywhere” with tag “echo”.")).toBeVisible();
  await page.getByRole("link", { name: "clear the filters" }).click();
  await expect(page).toHaveURL(/\/catalog$/);

  await demoCard(page).getByRole("link", { name: "Demo API" }).click();
  await expect(page).toHaveURL(/\/catalog\/demo$/);
  await expect(page.getByRole("heading", { level: 1, name: "Demo API" })).toBeVisible();
  // The description is Markdown, rendered.
  await expect(page.getByTestId("markdown").getByRole("heading", { name: "Endpoints" })).toBeVisible();
  await expect(page.getByTestId("plan-row")).toHaveText([
    /Free.*Free.*10 per minute.*64 KiB.*Not required/,
    /Pro.*\$0\.002.*600 per minute.*1 MiB.*Not required/,
  ]);
  await expect(page.getByLabel("Gateway base URL")).toHaveValue(/\/api\/gateway\/demo$/);
  await expect(page.getByRole("link", { name: "Sign in to try it" })).toBeVisible();
  // The console's endpoint wants a session, even from the site's own origin.
  const anonymous = await page.request.post("/api/try-it", {
    headers: { origin: new URL(page.url()).origin },
    data: { team: "any", keyId: "any", api: "demo", method: "GET", path: "/quote" },
  });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ code: "unauthorized" });
  await expect(page.getByRole("link", { name: "Sign up to subscribe" })).toBeVisible();

  // The reference is rendered in the browser from the stored OpenAPI document, with the gateway as server.
  const reference = page.getByTestId("api-reference");
  await expect(reference.getByText("A random public-domain quote").first()).toBeVisible({ timeout: 20_000 });
  await expect(reference.getByText("Answer with the given HTTP status").first()).toBeVisible();
  await saveScreenshot(page, "api-page");

  const missing = await page.goto("/catalog/no-such-api");
  expect(missing?.status()).toBe(404);
  await expect(page.getByText("This API is not in the catalog")).toBeVisible();
});

test("a developer subscribes, creates a key and calls the API from the try-it console, charged to the team", async ({
  page,
  user,
  request,
}) => {
  // Credit comes from the platform admin (the management API with the admin token), as in production.
  const granted = await request.post(`/api/v1/teams/${user.teamSlug}/credits`, {
    headers: { authorization: `Bearer ${adminToken()}` },
    data: { amount: "1", reason: "e2e try-it credit" },
  });
  expect(granted.status(), await granted.text()).toBeLessThan(300);

  await page.goto(`/${user.teamSlug}/catalog`);
  const card = demoCard(page);
  await card.getByLabel("Plan").selectOption("pro");
  await card.getByRole("button", { name: "Subscribe" }).click();
  await expect(card.getByRole("status")).toHaveText("Subscribed to Demo API on Pro.");

  // Without a key the console says where to make one.
  await card.getByRole("link", { name: "Demo API" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo API" })).toBeVisible();
  // The team holds a subscription now: the page says so, with the plan, instead of offering one.
  const state = page.getByTestId("subscription-state");
  await expect(state).toContainText("Subscribed");
  await expect(state).toContainText("Pro plan");
  await expect(page.getByTestId("try-it-no-keys").getByRole("link", { name: "Create one on the Keys page" })).toHaveAttribute(
    "href",
    `/${user.teamSlug}/keys`,
  );

  await page.goto(`/${user.teamSlug}/keys`);
  await page.getByLabel("Key name").fill("Console key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText("Key “Console key” created.");
  const secret = await page.getByTestId("revealed-value").inputValue();

  await page.goto("/catalog/demo");
  const console_ = page.getByTestId("try-it-console");
  await console_.getByLabel("Team").selectOption(user.teamSlug);
  await expect(console_.getByLabel("Key")).toContainText(`Console key (tg_live_…${secret.slice(-4)})`);
  await console_.getByLabel("Operation").selectOption({ label: "GET /quote — A random public-domain quote" });
  await console_.getByLabel("Query string").fill("id=3");
  await console_.getByRole("button", { name: "Send request" }).click();

  const result = page.getByTestId("try-it-result");
  await expect(result.getByTestId("try-it-status")).toHaveText("200 OK");
  await expect(result.getByTestId("try-it-charge")).toHaveText("Charged $0.002 · balance $0.998");
  await expect(result.getByTestId("try-it-body")).toContainText('"text": "Well begun is half done."');
  await expect(result.getByRole("code").filter({ hasText: /^req_[0-9a-f]{32}$/ })).toBeVisible();
  // The page never held the key itself.
  expect(await page.content()).not.toContain(secret);
  await saveScreenshot(page, "try-it");

  // A path parameter, and the upstream's own error answered (and charged) as it is.
  await console_.getByLabel("Operation").selectOption({ label: "GET /status/{code} — Answer with the given HTTP status" });
  await console_.getByLabel("code").fill("418");
  await console_.getByLabel("Query string").fill("");
  await console_.getByRole("button", { name: "Send request" }).click();
  await expect(result.getByTestId("try-it-status")).toHaveText("418 I'm a Teapot");
  await expect(result.getByTestId("try-it-charge")).toHaveText("Charged $0.002 · balance $0.996");

  // The console's endpoint takes requests from this site's pages only, even with the session cookie.
  const keyId = await console_.getByLabel("Key").inputValue();
  const forged = await page.request.post("/api/try-it", {
    headers: { origin: "https://attacker.example" },
    data: { team: user.teamSlug, keyId, api: "demo", method: "GET", path: "/quote" },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ code: "forbidden" });
});
