// Publishing from the admin console: an invalid OpenAPI document is refused with its line and
// nothing is saved; the fixed API with two plans is created, published (the catalog lists it),
// deprecated with a sunset (gateway calls carry Deprecation and Sunset) and retired (410, gone
// from the catalog).
import crypto from "node:crypto";
import { test, expect, adminToken, confirmDialog, type Page } from "../fixtures";
import type { APIRequestContext } from "@playwright/test";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { saveScreenshot } from "../fixtures/screenshots";

const admin = () => ({ authorization: `Bearer ${adminToken()}` });

const INVALID_DOC = `openapi: 3.1.0
info:
  title: Forecasts
paths:
  /echo:
    get:
      responses:
        "200":
          description: What the upstream received
`;
const VALID_DOC = INVALID_DOC.replace("  title: Forecasts\n", "  title: Forecasts\n  version: 1.0.0\n");

async function post(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.post(path, { headers: admin(), data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** A team subscribed to the API's free plan, with a key (as an operator's script would do it). */
async function subscribedKey(request: APIRequestContext, slug: string): Promise<string> {
  const team = await post(request, "/api/v1/teams", { name: `Publish ${slug}` });
  await post(request, `/api/v1/teams/${team.slug}/subscriptions`, { api: slug, plan: "free" });
  const created = await post(request, `/api/v1/teams/${team.slug}/keys`, { name: "publish key", scopes: { apis: "all", manage: false } });
  return created.key;
}

async function fillPlan(page: Page, row: number, fields: { slug: string; name: string; price: string }) {
  const plan = page.getByTestId("plan-row").nth(row);
  await plan.getByLabel("Plan slug").fill(fields.slug);
  await plan.getByLabel("Plan name").fill(fields.name);
  await plan.getByLabel(/^Price per call/).fill(fields.price);
}

test("create with an invalid OpenAPI document (refused by line), fix it, publish, deprecate, retire", async ({
  browser,
  request,
  baseURL,
}) => {
  const slug = `pub-${crypto.randomBytes(4).toString("hex")}`;
  const name = `Forecasts ${slug}`;
  const page = await signInAsPlatformAdmin(browser);

  await page.goto("/admin/apis");
  await expect(page.getByRole("heading", { level: 1, name: "APIs" })).toBeVisible();
  await page.getByRole("link", { name: "New API" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New API" })).toBeVisible();

  await page.getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Summary").fill("Tomorrow's weather, by the hour.");
  await page.getByLabel("Tags").fill("weather, forecasts");
  await page.getByLabel("Upstream base URL").fill(`${baseURL}/api/demo`);
  await page.getByLabel(/paste it/).fill(INVALID_DOC);
  await fillPlan(page, 0, { slug: "free", name: "Free", price: "0" });
  await page.getByRole("button", { name: "Create API" }).click();

  // The document's problem is shown with its line; nothing was saved.
  const problems = page.getByTestId("openapi-problems");
  await expect(problems).toContainText("Line 2");
  await expect(problems).toContainText("version");
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/apis\/new$/);
  await saveScreenshot(page, "admin-api-new-invalid");
  expect((await request.get(`/api/v1/apis/${slug}`, { headers: admin() })).status()).toBe(404);

  // The values survived: fix the document, add a second plan, create.
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue(slug);
  await page.getByLabel(/paste it/).fill(VALID_DOC);
  await page.getByRole("button", { name: "Add a plan" }).click();
  await fillPlan(page, 1, { slug: "pro", name: "Pro", price: "0.01" });
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/apis/${slug}\\?created=1$`));
  await expect(page.getByRole("status").filter({ hasText: "API created as a draft" })).toBeVisible();
  await expect(page.getByTestId("plan-row")).toHaveCount(2);
  await expect(page.getByText("Current document: Forecasts 1.0.0")).toBeVisible();

  // An edit: a price out of range is refused on its row, then a valid one is saved.
  const pro = page.getByTestId("plan-row").nth(1);
  await pro.getByLabel(/^Price per call/).fill("250");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("plan-row").nth(1).getByText("Use a price from 0 to 100 per call.")).toBeVisible();
  await page
    .getByTestId("plan-row")
    .nth(1)
    .getByLabel(/^Price per call/)
    .fill("0.02");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(
    page
      .getByTestId("plan-row")
      .nth(1)
      .getByLabel(/^Price per call/),
  ).toHaveValue("0.02");

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published" })).toBeVisible();
  await page.goto("/catalog");
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();

  const key = await subscribedKey(request, slug);
  const call = () => request.get(`/api/gateway/${slug}/echo`, { headers: { authorization: `Bearer ${key}` } });
  const live = await call();
  expect(live.status(), await live.text()).toBe(200);
  expect(live.headers()["deprecation"]).toBeUndefined();

  // Deprecate with a sunset date a month ahead.
  const sunset = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.goto("/admin/apis");
  await expect(page.getByTestId("admin-api-row").filter({ hasText: slug })).toContainText("published");
  await saveScreenshot(page, "admin-apis");
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByLabel("Sunset date").fill(sunset);
  await page.getByLabel(/Deprecation note/).fill("Use forecasts-v2 instead.");
  await page.getByRole("button", { name: "Deprecate", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deprecated" })).toBeVisible();
  await expect(page.getByText("Deprecation note: Use forecasts-v2 instead.")).toBeVisible();
  await saveScreenshot(page, "admin-api-edit");

  const deprecated = await call();
  expect(deprecated.status()).toBe(200);
  expect(deprecated.headers()["deprecation"]).toMatch(/^@\d+$/);
  expect(deprecated.headers()["sunset"]).toBe(new Date(`${sunset}T00:00:00Z`).toUTCString());

  // Retiring asks first, then the gateway answers 410 and the catalog drops the API.
  await page.getByRole("button", { name: "Retire…" }).click();
  await confirmDialog(page, "Retire this API?");
  await expect(page.getByRole("status").filter({ hasText: "Retired" })).toBeVisible();
  const gone = await call();
  expect(gone.status()).toBe(410);
  expect((await gone.json()).code).toBe("api_retired");
  await page.goto("/catalog");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name, exact: true })).toHaveCount(0);
});

test("a non-admin gets 404 from the API pages", async ({ page, user }) => {
  expect(user.email).toBeTruthy();
  for (const path of ["/admin/apis", "/admin/apis/new", "/admin/apis/demo"]) {
    const response = await page.goto(path);
    expect(response?.status(), `${path} should answer 404`).toBe(404);
  }
});
