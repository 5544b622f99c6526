// On a phone-sized screen (390 px) no team or admin page scrolls sideways and nothing is cut off:
// wide tables, plan lists and code blocks scroll inside their own box, the header fits, the team
// and admin tabs scroll inside their bar (with a visible hint that more wait), and the API reference
// stays within the page.
import { test, expect, adminToken, type Page } from "../fixtures";
import { saveScreenshot } from "../fixtures/screenshots";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { layoutProblems } from "../fixtures/layout";

test.use({ viewport: { width: 390, height: 844 } });

async function expectFits(page: Page, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    expect.soft(await layoutProblems(page), `${path} at 390 px`).toEqual([]);
  }
}

test("every team page fits a 390 px wide screen, and the team tabs scroll visibly", async ({ page, user, request }) => {
  test.setTimeout(120_000);
  // Content that makes tables wide: a subscription, a key and a grant with a long reason.
  const headers = { authorization: `Bearer ${adminToken()}` };
  const reason = "A deliberately long reason for this grant, so that the ledger row is much wider than a phone screen";
  for (const [path, data] of [
    [`/api/v1/teams/${user.teamSlug}/credits`, { amount: "1.00", reason }],
    [`/api/v1/teams/${user.teamSlug}/subscriptions`, { api: "demo", plan: "free" }],
    [`/api/v1/teams/${user.teamSlug}/keys`, { name: "A key with a rather long name for a phone", scopes: { apis: "all", manage: false } }],
  ] as const) {
    const response = await request.post(path, { headers, data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  }
  const team = `/${user.teamSlug}`;
  await expectFits(page, [
    "/catalog",
    "/catalog/demo",
    "/catalog/demo-ai",
    "/teams",
    "/teams/new",
    team,
    `${team}/catalog`,
    `${team}/subscriptions`,
    `${team}/keys`,
    `${team}/usage`,
    `${team}/usage?range=7d`,
    `${team}/billing`,
    `${team}/members`,
    `${team}/settings`,
  ]);

  // The tabs do not fit at 390 px: they scroll inside the bar, which says so, and every tab is reachable.
  await page.goto(team);
  const tabs = page.getByRole("navigation", { name: "Team" });
  const scroll = await tabs.evaluate((nav) => ({ scrollWidth: nav.scrollWidth, clientWidth: nav.clientWidth }));
  expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth);
  await expect(page.getByTestId("tabs-more-after")).toBeVisible();
  await saveScreenshot(page, "mobile-team-tabs");
  await tabs.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(new RegExp(`${team}/settings$`));
  // The current tab is scrolled into view, and the fade moved to the side with the hidden tabs.
  await expect(tabs.getByRole("link", { name: "Settings" })).toBeInViewport();
  await expect(page.getByTestId("tabs-more-before")).toBeVisible();

  await page.goto("/catalog/demo");
  await saveScreenshot(page, "mobile-api-page");
  await page.goto("/catalog/demo-ai");
  await saveScreenshot(page, "mobile-ai-api-page");
});

test("every admin page fits a 390 px wide screen", async ({ browser, request, user }) => {
  test.setTimeout(120_000);
  // A grant with a long reason, so the credit page's table has a wide row to contain.
  const headers = { authorization: `Bearer ${adminToken()}` };
  const reason = "A deliberately long reason for this grant, so that the table row is much wider than a phone screen";
  const granted = await request.post(`/api/v1/teams/${user.teamSlug}/credits`, { headers, data: { amount: "1.00", reason } });
  expect(granted.status(), await granted.text()).toBeLessThan(300);
  const admin = await signInAsPlatformAdmin(browser);
  await admin.setViewportSize({ width: 390, height: 844 });
  await expectFits(admin, [
    "/admin",
    "/admin/apis",
    "/admin/apis/new",
    "/admin/apis/demo",
    "/admin/apis/demo-ai",
    "/admin/approvals",
    "/admin/teams",
    `/admin/teams/${user.teamSlug}`,
    "/admin/users",
    "/admin/credit",
    "/admin/payments",
    "/admin/audit",
    "/admin/outbox",
    "/admin/ai",
    "/admin/ai/providers/new",
    "/admin/ai/models/new",
  ]);
  await admin.goto("/admin/audit");
  await saveScreenshot(admin, "mobile-admin-audit");
});
