// An accessibility pass with axe over every main page, signed out, as a team owner and as the
// platform admin: no serious or critical violation of the WCAG 2.1 A/AA and best-practice rules.
// Pages are fixed, never rules excluded. The confirmation dialog is checked open as well.
import { test, expect, adminToken, type Page } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { seriousAccessibilityViolations } from "../fixtures/accessibility";

async function expectAccessible(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    // Soft: one run lists every page's findings.
    expect.soft(await seriousAccessibilityViolations(page), `${path}: serious or critical axe violations`).toEqual([]);
  }
}

test("public pages have no serious accessibility violations", async ({ browser }) => {
  test.setTimeout(180_000); // axe reads every node of the API reference
  const context = await browser.newContext();
  const page = await context.newPage();
  await expectAccessible(page, [
    "/",
    "/catalog",
    "/catalog/demo",
    "/catalog/demo-ai",
    "/sign-in",
    "/sign-up",
    "/docs/errors",
    "/docs/errors/insufficient_credit",
    "/no-such-page",
  ]);
  await context.close();
});

test("team pages have no serious accessibility violations", async ({ page, user, request }) => {
  test.setTimeout(180_000);
  const headers = { authorization: `Bearer ${adminToken()}` };
  for (const [path, data] of [
    [`/api/v1/teams/${user.teamSlug}/credits`, { amount: "1.00", reason: "axe pass" }],
    [`/api/v1/teams/${user.teamSlug}/subscriptions`, { api: "demo", plan: "free" }],
    [`/api/v1/teams/${user.teamSlug}/keys`, { name: "axe key", scopes: { apis: "all", manage: false } }],
  ] as const) {
    const response = await request.post(path, { headers, data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  }
  const team = `/${user.teamSlug}`;
  await expectAccessible(page, [
    "/teams",
    "/teams/new",
    team,
    `${team}/catalog`,
    `${team}/subscriptions`,
    `${team}/keys`,
    `${team}/usage`,
    `${team}/billing`,
    `${team}/members`,
    `${team}/settings`,
    "/catalog/demo",
  ]);

  // The confirmation dialog, open.
  await page.goto(`${team}/keys`);
  await page.getByRole("button", { name: "Revoke axe key" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  expect(await seriousAccessibilityViolations(page), "the open confirmation dialog").toEqual([]);
});

test("admin pages have no serious accessibility violations", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await signInAsPlatformAdmin(browser);
  await expectAccessible(admin, [
    "/admin",
    "/admin/apis",
    "/admin/apis/new",
    "/admin/apis/demo",
    "/admin/approvals",
    "/admin/teams",
    "/admin/users",
    "/admin/credit",
    "/admin/payments",
    "/admin/audit",
    "/admin/outbox",
    "/admin/ai",
    "/admin/ai/providers/new",
    "/admin/ai/models/new",
  ]);
});
