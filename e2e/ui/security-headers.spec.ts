// Security headers of every page, checked in Chromium: a Content-Security-Policy with a fresh nonce
// per response that the app, Scalar's API reference and the try-it console work under (any
// "Refused to …" in the console fails the spec, see e2e/fixtures/csp.ts), frames refused, and the
// static headers. Admin pages are visited as the platform admin, under the same watch.
import { test, expect, adminToken, type Page } from "../fixtures";
import { watchCspViolations } from "../fixtures/csp";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";

async function expectSecureDocument(page: Page, path: string): Promise<string> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `${path}: ${policy}`).toBeTruthy();
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(headers).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
  });
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Plain HTTP here: HSTS is sent only when the client reached us over HTTPS.
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Next.js put this response's nonce on the scripts it rendered (the DOM hides the value, not its presence);
  // the chunks those load need none ('strict-dynamic').
  expect(await page.locator("script[nonce]").count()).toBeGreaterThan(0);
  return nonce!;
}

test("public pages and the API reference render under the policy, with a new nonce every time", async ({ page }) => {
  const first = await expectSecureDocument(page, "/catalog");
  expect(await expectSecureDocument(page, "/catalog")).not.toBe(first);
  await expectSecureDocument(page, "/catalog/demo");
  await expect(page.getByTestId("api-reference").getByText("A random public-domain quote").first()).toBeVisible({ timeout: 20_000 });
  await expectSecureDocument(page, "/sign-in");
  await expectSecureDocument(page, `/no/such/page-${Date.now()}`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a member's pages and the try-it console work under the policy", async ({ page, user, request }) => {
  const granted = await request.post(`/api/v1/teams/${user.teamSlug}/credits`, {
    headers: { authorization: `Bearer ${adminToken()}` },
    data: { amount: "1", reason: "e2e csp credit" },
  });
  expect(granted.status()).toBeLessThan(300);
  await expectSecureDocument(page, `/${user.teamSlug}/catalog`);
  await page
    .getByTestId("api-card")
    .filter({ has: page.getByRole("heading", { name: "Demo API", exact: true }) })
    .getByRole("button", { name: "Subscribe" })
    .click();
  await expect(page.getByRole("status").first()).toContainText("Demo API");
  await expectSecureDocument(page, `/${user.teamSlug}/keys`);
  await page.getByLabel("Key name").fill("CSP key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText("Key “CSP key” created.");
  for (const section of ["", "/usage", "/billing", "/members", "/settings", "/subscriptions"])
    await expectSecureDocument(page, `/${user.teamSlug}${section}`);

  await expectSecureDocument(page, "/catalog/demo");
  const console_ = page.getByTestId("try-it-console");
  await console_.getByLabel("Team").selectOption(user.teamSlug);
  await console_.getByLabel("Operation").selectOption({ label: "GET /quote — A random public-domain quote" });
  await console_.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("try-it-result").getByTestId("try-it-status")).toHaveText("200 OK");
});

test("admin pages work under the policy", async ({ browser }) => {
  const admin = await signInAsPlatformAdmin(browser);
  const expectNoViolations = watchCspViolations(admin.context());
  for (const path of [
    "/admin",
    "/admin/apis",
    "/admin/apis/demo",
    "/admin/apis/new",
    "/admin/teams",
    "/admin/users",
    "/admin/credit",
    "/admin/payments",
    "/admin/approvals",
    "/admin/audit",
    "/admin/outbox",
  ]) {
    await expectSecureDocument(admin, path);
  }
  // The description preview and the plan rows are client-side: exercise the form a little.
  await admin.goto("/admin/apis/new");
  await admin.getByLabel("Name", { exact: true }).fill("CSP check");
  await admin.context().close();
  expectNoViolations();
});
