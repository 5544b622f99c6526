// Billing settings on the billing page: the low-balance alert, the team webhook and its signing
// secret (shown once), and auto-recharge, which waits for a saved card. Members see none of it.
import { test, expect, createTeam, invite, acceptInvitation } from "../fixtures";

test("an owner sets the alert threshold and webhook, and gets a signing secret once", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/billing`);
  const alerts = page.locator("section").filter({ has: page.getByRole("heading", { name: "Low-balance alert" }) });

  await alerts.getByLabel(/Alert below/).fill("five");
  await alerts.getByRole("button", { name: "Save alert settings" }).click();
  await expect(alerts.getByRole("alert")).toBeVisible();

  await alerts.getByLabel(/Alert below/).fill("5.00");
  await alerts.getByLabel(/Webhook URL/).fill("https://hooks.example.test/tollgate");
  await alerts.getByRole("button", { name: "Save alert settings" }).click();
  await expect(alerts.getByRole("status")).toHaveText("Alert settings saved.");

  await alerts.getByRole("button", { name: "Generate signing secret" }).click();
  await expect(alerts.getByTestId("revealed-value")).toHaveValue(/^tgwhsec_/);

  await page.reload();
  await expect(alerts.getByLabel(/Alert below/)).toHaveValue("5.00");
  await expect(alerts.getByTestId("revealed-value")).toHaveCount(0);
  await expect(alerts.getByText("A signing secret is set.")).toBeVisible();
  await expect(page.getByText("An owner can save a card with a top-up to enable it.")).toBeVisible();
});

test("a member sees neither the alert nor the auto-recharge settings", async ({ page, user, newUser }) => {
  expect(user.teamSlug).toBeTruthy();
  const team = await createTeam(page);
  const member = await newUser();
  await acceptInvitation(member.page, await invite(page, team.slug, member.email, "MEMBER"), team);
  await member.page.goto(`/${team.slug}/billing`);
  await expect(member.page.getByTestId("balance")).toBeVisible();
  await expect(member.page.getByRole("button", { name: "Save alert settings" })).toHaveCount(0);
  await expect(member.page.getByRole("heading", { name: "Low-balance alert" })).toHaveCount(0);
});
