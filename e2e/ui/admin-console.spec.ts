// The admin console: the platform admin reads the overview, finds a new user's team and opens it,
// disables the user (who is signed out and refused at sign-in with a readable message), enables
// them again, and finds the change in the audit log. Non-admins get the admin 404.
import { test, expect, signIn, confirmDialog, type Page } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { saveScreenshot } from "../fixtures/screenshots";

const DISABLED_MESSAGE = "This account has been disabled. Contact your platform admin.";

/** The user's row on /admin/users, found by searching for the email. */
async function userRow(admin: Page, email: string) {
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(admin.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  return admin.getByTestId("admin-user-row").filter({ hasText: email });
}

test("the platform admin finds a new team, disables and re-enables its owner, and audits it", async ({ page, user, browser }) => {
  test.setTimeout(120_000); // one long story across two browsers
  const admin = await signInAsPlatformAdmin(browser);

  await admin.goto("/admin");
  await expect(admin.getByRole("heading", { level: 1, name: "Platform admin" })).toBeVisible();
  for (const tile of [
    "active-teams",
    "calls-24h",
    "revenue-30d",
    "credit-outstanding",
    "error-rate",
    "rejected-before-auth",
    "pending-approvals",
  ]) {
    await expect(admin.getByTestId(tile)).toBeVisible();
  }
  await expect(admin.getByRole("img", { name: /^Calls per day .*calls and .*errors in 30 days/ })).toBeVisible();
  await saveScreenshot(admin, "admin-overview");

  // Teams: search by the slug, open the team.
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Teams" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await admin.getByLabel("Find a team").fill(user.teamSlug);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(new RegExp(`[?&]q=${user.teamSlug}`));
  const teamRow = admin.getByTestId("admin-team-row").filter({ hasText: `/${user.teamSlug}` });
  await expect(teamRow).toHaveCount(1);
  await expect(teamRow).toContainText("$0.00");
  await saveScreenshot(admin, "admin-teams");
  await teamRow.getByRole("link", { name: user.teamName }).click();
  await expect(admin.getByRole("heading", { level: 1, name: user.teamName })).toBeVisible();
  await expect(admin.getByTestId("team-balance")).toHaveText("$0.00");
  await expect(admin.getByTestId("admin-team-members")).toContainText(user.email);
  await expect(admin.getByTestId("admin-team-members")).toContainText("owner");
  await expect(admin.getByTestId("audit-row").filter({ hasText: "team.created" })).toHaveCount(1);
  await saveScreenshot(admin, "admin-team");

  // Users: a reason is required, then the account is disabled.
  let row = await userRow(admin, user.email);
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: `Disable ${user.email}` }).click();
  await confirmDialog(admin, `Disable ${user.email}?`);
  await expect(row.getByText("Give a reason of at least 3 characters.")).toBeVisible();
  await row.getByLabel(`Reason to disable ${user.email}`).fill("e2e: suspected abuse");
  await row.getByRole("button", { name: `Disable ${user.email}` }).click();
  await confirmDialog(admin);
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();
  await saveScreenshot(admin, "admin-users");

  // The user is signed out at once and refused at sign-in with a readable message.
  await page.goto(`/${user.teamSlug}`);
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(DISABLED_MESSAGE);

  // Enabled again: the session from before the disable stays dead (a stolen cookie does not come
  // back with the account); signing in again works.
  row = await userRow(admin, user.email);
  await row.getByLabel(`Reason to enable ${user.email}`).fill("e2e: cleared");
  await row.getByRole("button", { name: `Enable ${user.email}` }).click();
  await confirmDialog(admin, `Enable ${user.email}?`);
  await expect(row.getByText("active", { exact: true })).toBeVisible();
  await page.goto(`/${user.teamSlug}`);
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // The audit log, filtered by action, shows the change with its reason.
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await admin.getByLabel("Action").fill("user.disabled");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/[?&]action=user\.disabled/);
  const entry = admin.getByTestId("audit-row").filter({ hasText: user.email });
  await expect(entry).toHaveCount(1);
  await expect(admin.getByTestId("audit-row").filter({ hasNotText: "user.disabled" })).toHaveCount(0);
  await entry.getByText("Metadata").click();
  await expect(entry.locator("pre")).toContainText("e2e: suspected abuse");
  await saveScreenshot(admin, "admin-audit");

  // A date that is not a date is refused with a readable message.
  await admin.goto("/admin/audit?from=2026-02-30");
  await expect(admin.getByText("Enter a date as YYYY-MM-DD, e.g. 2026-11-24.")).toBeVisible();
  await expect(admin.getByRole("main").getByRole("alert")).toHaveText("Fix the highlighted filters to see the log.");
});

test("a non-admin gets 404 from the admin console pages", async ({ page, user }) => {
  expect(user.email).toBeTruthy();
  for (const path of ["/admin/teams", `/admin/teams/${user.teamSlug}`, "/admin/users", "/admin/audit", "/admin/outbox"]) {
    const response = await page.goto(path);
    expect(response?.status(), `${path} should answer 404`).toBe(404);
  }
});
