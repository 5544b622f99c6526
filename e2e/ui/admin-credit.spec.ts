// Admin credit: the platform admin grants credit to a team from /admin/credit; the team sees the
// balance and the grant, with its reason, on its billing page. Non-admins get the admin 404.
import { test, expect, type Page } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { confirmDialog } from "../fixtures/confirm-dialog";

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 404`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
}

test("the platform admin grants 12.50 with a reason; the team sees balance and grant", async ({ page, user, browser }) => {
  const reason = `Welcome credit for ${user.teamSlug}`;
  const admin = await signInAsPlatformAdmin(browser);

  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Credit", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Credit" })).toBeVisible();

  await admin.getByLabel("Find a team").fill(user.teamSlug);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(new RegExp(`[?&]q=${user.teamSlug}`));
  await expect(admin.getByLabel("Team", { exact: true })).toHaveValue(user.teamSlug);

  // A reason that is too short is refused next to its field, and nothing is credited.
  await admin.getByLabel(/^Amount/).fill("12.50");
  await admin.getByLabel("Reason").fill("no");
  await admin.getByRole("button", { name: "Apply credit" }).click();
  await confirmDialog(admin, `Grant $12.50 to ${user.teamName} (/${user.teamSlug})?`);
  await expect(admin.getByText("Give a reason of at least 3 characters.")).toBeVisible();

  await admin.getByLabel(/^Amount/).fill("12.50");
  await admin.getByLabel("Reason").fill(reason);
  await admin.getByRole("button", { name: "Apply credit" }).click();
  await confirmDialog(admin, `Grant $12.50 to ${user.teamName} (/${user.teamSlug})?`);
  await expect(admin.getByRole("status")).toHaveText(`Granted $12.50 to ${user.teamName} (/${user.teamSlug}). New balance: $12.50.`);
  const grantRow = admin.getByTestId("credit-grant").filter({ hasText: reason });
  await expect(grantRow).toContainText(`/${user.teamSlug}`);
  await expect(grantRow).toContainText("$12.50");
  await expect(grantRow).toContainText("Platform Admin");

  await page.goto(`/${user.teamSlug}/billing`);
  await expect(page.getByTestId("balance")).toHaveText("$12.50");
  const ledgerRow = page.getByRole("row").filter({ hasText: reason });
  await expect(ledgerRow).toHaveCount(1);
  await expect(ledgerRow).toContainText(/grant/i);
  await expect(ledgerRow).toContainText("$12.50");
});

test("a non-admin gets 404 from the admin credit and payments pages", async ({ page, user }) => {
  expect(user.email).toBeTruthy();
  await expectNotFound(page, "/admin/credit");
  await expectNotFound(page, "/admin/payments");
});
