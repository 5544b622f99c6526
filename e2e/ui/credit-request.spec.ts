// Issue 15, points 7 and 8: on an installation without Stripe (the e2e server's second instance) the
// billing page tells a member how to get credit and sends the platform admins a request; the admin sees
// it on /admin, opens the grant form filled in from it and grants after confirming. Platform admins also
// get a link to "Stripe test mode in minutes".
import { test, expect, createTeam, secondBaseUrl } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { confirmDialog } from "../fixtures/confirm-dialog";

test("a member requests credit without Stripe and a platform admin grants it from /admin", async ({ page, user, browser }) => {
  const noStripe = secondBaseUrl();
  await page.goto(`${noStripe}/${user.teamSlug}`);
  await expect(page.getByText("Card top-ups are not set up on this installation")).toBeVisible();
  await expect(page.getByText("arrive later")).toHaveCount(0);

  await page.goto(`${noStripe}/${user.teamSlug}/billing`);
  const card = page.getByTestId("top-up-not-configured");
  await expect(card).toContainText("credit comes from a platform admin");
  await expect(page.getByTestId("stripe-setup-link")).toHaveCount(0); // members do not configure the installation

  await card.getByLabel("Amount (USD)").fill("0");
  await card.getByRole("button", { name: "Request credit" }).click();
  await expect(card.locator("#credit-request-amount-error")).toHaveText("Ask for an amount above zero.");
  await expect(card.getByLabel("Amount (USD)")).toHaveAttribute("aria-invalid", "true");
  const note = `Pilot for ${user.teamSlug}`;
  await card.getByLabel("Amount (USD)").fill("15");
  await card.getByLabel("Note for the admins").fill(note);
  await card.getByRole("button", { name: "Request credit" }).click();
  await expect(card.getByRole("status")).toContainText(`Request sent: $15.00 for ${user.teamName}.`);

  const admin = await signInAsPlatformAdmin(browser);
  await admin.goto("/admin");
  const requests = admin.getByTestId("credit-requests");
  const notice = requests.getByTestId("notice").filter({ hasText: note });
  await expect(notice).toContainText(`Credit requested: $15.00 for ${user.teamName}`);
  await notice.getByRole("link", { name: "Review and grant" }).click();
  await expect(admin).toHaveURL(/\/admin\/credit\?/);
  await expect(admin.getByLabel("Team", { exact: true })).toHaveValue(user.teamSlug);
  await expect(admin.getByLabel(/^Amount/)).toHaveValue("15");
  await expect(admin.getByLabel("Reason")).toHaveValue(new RegExp(`^Credit request from .*${note}$`));
  await admin.getByRole("button", { name: "Apply credit" }).click();
  await confirmDialog(admin, `Grant $15.00 to ${user.teamName} (/${user.teamSlug})?`);
  await expect(admin.getByRole("status")).toContainText(`Granted $15.00 to ${user.teamName}`);

  await page.reload();
  await expect(page.getByTestId("balance")).toHaveText("$15.00");
});

test("a platform admin without Stripe gets the link to Stripe test mode in minutes", async ({ browser }) => {
  const admin = await signInAsPlatformAdmin(browser);
  const team = await createTeam(admin);
  await admin.goto(`${secondBaseUrl()}/${team.slug}/billing`);
  await admin.getByTestId("stripe-setup-link").getByRole("link", { name: "Stripe in minutes (README)" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Stripe test mode in minutes" })).toBeVisible();
  const guide = admin.getByTestId("stripe-guide");
  await expect(guide).toContainText("stripe listen --forward-to localhost:3000/api/webhooks/stripe");
  await expect(guide).toContainText("STRIPE_SECRET_KEY=sk_test_");
  await expect(guide).toContainText("4242 4242 4242 4242");
});
