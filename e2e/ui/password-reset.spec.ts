// Password reset end to end: a locked-out person follows the lockout message to "forgot password",
// opens the link from the outbox (the mailbox of a server without SMTP), sets a new password, and
// signs in at once: the lockout is gone, the old password and every other session are not.
import { test, expect, signIn, uniqueEmail } from "../fixtures";
import { emailsTo } from "../fixtures/outbox";
import { resetLink } from "../fixtures/account-links";

const NEW_PASSWORD = "a fresh passphrase for e2e";

test("locked out, reset by the emailed link, signed in again; other sessions ended; the link works once", async ({
  page,
  user,
  browser,
}) => {
  // A second browser of the same person, signed in before the reset.
  const otherContext = await browser.newContext();
  const other = { page: await otherContext.newPage() };
  await signIn(other.page, user.email, user.password);
  await expect(other.page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  await page.context().clearCookies();
  for (let attempt = 0; attempt < 6; attempt++) {
    await signIn(page, user.email, `wrong password ${attempt}`);
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  }
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    /Sign-in is locked for 1[45] more minutes\. Forgot your password\? Resetting it unlocks sign-in at once\./,
  );
  await page.getByRole("link", { name: "Reset your password" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `If ${user.email} has an account, a link to reset its password is on its way. It works for 30 minutes.`,
  );

  const link = await resetLink(user.email);
  expect(link).toMatch(/^\/reset-password#token=/);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(`For ${user.email}.`)).toBeVisible();
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator("#newPassword-error")).toHaveText("Use at least 10 characters.");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Password changed" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();

  // The lockout is cleared: the new password signs in at once; the old one no longer does.
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  await other.page.reload();
  await expect(other.page).toHaveURL(/\/sign-in/);
  await signIn(other.page, user.email, user.password);
  await expect(other.page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");

  // The link is spent.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link was used already" })).toBeVisible();
  await page.goto("/forgot-password"); // a new document: a hash change alone would not reload the page
  await page.goto("/reset-password#token=not-a-real-token-at-all-but-long-enough");
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  await otherContext.close();
});

test("an address without an account gets the same answer and no email", async ({ page }) => {
  const nobody = uniqueEmail("nobody");
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(nobody);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `If ${nobody} has an account, a link to reset its password is on its way. It works for 30 minutes.`,
  );
  expect(await emailsTo(nobody)).toHaveLength(0);
});
