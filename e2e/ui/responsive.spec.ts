// On a phone-sized screen (390 px) no main page scrolls sideways: wide tables scroll inside their
// own box, the header fits, and the API reference stays within the page.
import { test, expect, adminToken } from "../fixtures";
import { saveScreenshot } from "../fixtures/screenshots";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";

test.use({ viewport: { width: 390, height: 844 } });

test("the main pages fit a 390 px wide screen", async ({ page, user }) => {
  const pages = [
    "/catalog",
    "/catalog/demo",
    "/catalog/demo-ai",
    `/${user.teamSlug}`,
    `/${user.teamSlug}/catalog`,
    `/${user.teamSlug}/subscriptions`,
    `/${user.teamSlug}/keys`,
    `/${user.teamSlug}/usage`,
    `/${user.teamSlug}/billing`,
    `/${user.teamSlug}/members`,
  ];
  for (const path of pages) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content, `${path} is ${widths.content} px wide`).toBeLessThanOrEqual(widths.viewport);
  }
  await page.goto("/catalog/demo");
  await saveScreenshot(page, "mobile-api-page");
  await page.goto("/catalog/demo-ai");
  await saveScreenshot(page, "mobile-ai-api-page");
});

test("the admin console fits a 390 px wide screen", async ({ browser, request }) => {
  // A grant with a long reason, so the credit page's table has a wide row to contain.
  const headers = { authorization: `Bearer ${adminToken()}` };
  const team = await (await request.post("/api/v1/teams", { headers, data: { name: "Responsive check" } })).json();
  const reason = "A deliberately long reason for this grant, so that the table row is much wider than a phone screen";
  expect((await request.post(`/api/v1/teams/${team.slug}/credits`, { headers, data: { amount: "1.00", reason } })).status()).toBeLessThan(
    300,
  );
  const admin = await signInAsPlatformAdmin(browser);
  await admin.setViewportSize({ width: 390, height: 844 });
  for (const path of [
    "/admin",
    "/admin/apis",
    "/admin/apis/demo",
    "/admin/approvals",
    "/admin/teams",
    "/admin/users",
    "/admin/credit",
    "/admin/payments",
    "/admin/audit",
    "/admin/outbox",
  ]) {
    await admin.goto(path);
    await admin.waitForLoadState("networkidle");
    const widths = await admin.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content, `${path} is ${widths.content} px wide`).toBeLessThanOrEqual(widths.viewport);
  }
});
