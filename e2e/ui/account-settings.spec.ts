// The account settings page (/account) and the unverified-email banner: resend and verify; name;
// password change with the current password (other sessions end); the email change confirmed from
// the new mailbox; the sessions list with "sign out everywhere"; deleting the account.
import { test, expect, signIn, uniqueEmail, type Page } from "../fixtures";
import { emailsTo, verificationLink } from "../fixtures/outbox";
import { confirmEmailLink } from "../fixtures/account-links";
import { layoutProblems } from "../fixtures/layout";

const NEW_PASSWORD = "another long passphrase";

async function openAccount(page: Page) {
  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
}

test("the unverified banner sends a new link, and goes once the address is verified", async ({ page, user }) => {
  const banner = page.getByRole("region", { name: "Email verification" });
  await expect(banner).toContainText(`Verify your email address ${user.email}`);
  await banner.getByRole("button", { name: "Send a new link" }).click();
  await expect(banner.getByRole("status")).toHaveText(`A new link is on its way to ${user.email}. It expires in 24 hours.`);
  await expect.poll(async () => (await emailsTo(user.email)).filter((email) => /^Verify your email/.test(email.subject)).length).toBe(2);

  await page.goto(await verificationLink(user.email));
  await expect(page.getByRole("heading", { level: 1, name: "Email verified" })).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Email verification" })).toHaveCount(0);
  await openAccount(page);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
});

test("name and password: the current password is required, and the other sessions end", async ({ page, user, browser }) => {
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, user.email, user.password);
  await expect(other.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  await openAccount(page);
  const sessions = page.getByTestId("sessions-table").locator("tbody tr");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "This session" })).toHaveCount(1);
  await expect(sessions.first()).toContainText(/Chrome on (Linux|Windows)/);

  const nameForm = page.getByTestId("name-form");
  await nameForm.getByLabel("Name").fill("Renamed Person");
  await nameForm.getByRole("button", { name: "Save name" }).click();
  await expect(nameForm.getByRole("status")).toHaveText("Name saved.");
  await page.reload();
  await expect(page.getByTestId("name-form").getByLabel("Name")).toHaveValue("Renamed Person");

  const passwordForm = page.getByTestId("password-form");
  await passwordForm.getByLabel("Current password").fill("not my password");
  await passwordForm.getByLabel("New password").fill(NEW_PASSWORD);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.locator("#password-form-currentPassword-error")).toHaveText("This is not your current password.");
  await expect(passwordForm.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await passwordForm.getByLabel("Current password").fill(user.password);
  await passwordForm.getByLabel("New password").fill(NEW_PASSWORD);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByRole("status")).toHaveText("Password changed. 1 other session was signed out.");

  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);
  await signIn(other, user.email, NEW_PASSWORD);
  await expect(other.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // "Sign out everywhere" ends this session too, and the other browser's.
  await page.reload();
  await expect(page.getByTestId("sessions-table").locator("tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=signed-out-everywhere/);
  await expect(page.getByRole("status")).toContainText("Every session of your account was signed out.");
  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);
  await otherContext.close();
});

test("the email changes only when the link sent to the new address is opened", async ({ page, user }) => {
  const newEmail = uniqueEmail("moved");
  await openAccount(page);
  const emailForm = page.getByTestId("email-form");
  await emailForm.getByLabel("New email address").fill(newEmail);
  await emailForm.getByLabel("Current password").fill(user.password);
  await emailForm.getByRole("button", { name: "Change email" }).click();
  await expect(emailForm.getByRole("status")).toContainText(`We sent a link to ${newEmail}. Your address changes when you open it`);
  await page.reload();
  await expect(page.getByTestId("account-email")).toHaveText(user.email);
  await expect(page.getByTestId("pending-email")).toContainText(`Waiting for confirmation: ${newEmail}`);
  expect((await emailsTo(user.email))[0]!.subject).toBe("A change of your Tollgate address was asked for");

  await page.goto(await confirmEmailLink(newEmail));
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your new address" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm new address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Address changed" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page.getByTestId("account-email")).toHaveText(newEmail);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  await expect(page.getByTestId("pending-email")).toHaveCount(0);
  expect((await emailsTo(user.email))[0]!.subject).toBe("Your Tollgate address was changed");

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await signIn(page, newEmail, user.password);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("deleting the account asks for the address and the password, then signs out for good", async ({ page, user }) => {
  await openAccount(page);
  const form = page.getByTestId("delete-account");
  await form.getByLabel(`Type ${user.email} to confirm`).fill("someone@else.test");
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(form.locator("#delete-account-confirmEmail-error")).toHaveText(`Type ${user.email} to confirm.`);
  await expect(form.getByLabel(`Type ${user.email} to confirm`)).toHaveValue("someone@else.test");

  await form.getByLabel(`Type ${user.email} to confirm`).fill(user.email);
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=account-deleted/);
  await expect(page.getByRole("status")).toHaveText("Your account was deleted.");
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
});

test("the account page fits a 390 px screen", async ({ page, user }) => {
  expect(user.email).toBeTruthy(); // signed in by the fixture
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
});
