// Top-up through Stripe Checkout in the browser, against the local Stripe-compatible server:
// the owner pays 25 on the hosted page, lands on the success page once the signed webhook has
// credited the team, and sees the balance and a receipt link; a member sees no top-up form.
// The Stripe server runs in this process on a fixed port with a fixed key, and scripts/e2e-server.ts
// starts the app with the same values (e2e/fixtures/stripe-env.ts).
import { test, expect, createTeam, invite, acceptInvitation, forgeHiddenTeam } from "../fixtures";
import { startStripeServer, type StripeServer } from "../../test/support/stripe-server";
import { E2E_STRIPE } from "../fixtures/stripe-env";

// One server on a fixed port, so every test of this file runs in one worker.
test.describe.configure({ mode: "serial" });

let stripe: StripeServer | undefined;
// Playwright reads the fixtures a hook takes from its first parameter's destructuring pattern.
test.beforeAll(async ({ browserName: _browserName }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  stripe = await startStripeServer({ ...E2E_STRIPE, webhookUrl: `${baseURL}/api/webhooks/stripe` });
});
test.afterAll(async () => stripe?.close());

test("an owner tops up 25 through Checkout and gets the credit and a receipt", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/billing`);
  await expect(page.getByTestId("balance")).toHaveText("$0.00");

  // A custom amount out of bounds is refused next to the field; nothing leaves for Stripe.
  await page.getByText("Other amount").click();
  await page.getByLabel("Custom amount (USD)").fill("2");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByText("The smallest top-up is $5.00.")).toBeVisible();

  await page.getByText("$25", { exact: true }).click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("amount-total")).toContainText("25.00");
  await page.getByRole("button", { name: /^Pay/ }).click();

  await expect(page).toHaveURL(new RegExp(`/${user.teamSlug}/billing/top-up/success\\?session_id=cs_`));
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("balance")).toHaveText("$25.00");
  await expect(page.getByRole("link", { name: "View the receipt" })).toHaveAttribute("href", /receipts/);

  await page.goto(`/${user.teamSlug}/billing`);
  await expect(page.getByTestId("balance")).toHaveText("$25.00");
  await expect(page.getByTestId("payments")).toContainText("paid");
  await expect(page.getByTestId("payments").getByRole("link", { name: /Receipt/ })).toBeVisible();
});

test("cancelling on the Checkout page charges nothing", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/billing`);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByText("Nothing was charged")).toBeVisible();
  await page.goto(`/${user.teamSlug}/billing`);
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
});

test("a member sees the balance but no top-up form", async ({ page, user, newUser }) => {
  expect(user.teamSlug).toBeTruthy();
  const team = await createTeam(page);
  const member = await newUser();
  const link = await invite(page, team.slug, member.email, "MEMBER");
  await acceptInvitation(member.page, link, team);
  await member.page.goto(`/${team.slug}/billing`);
  await expect(member.page.getByTestId("balance")).toBeVisible();
  await expect(member.page.getByText("Team admins and owners can top up the credit.")).toBeVisible();
  await expect(member.page.getByRole("button", { name: "Continue to payment" })).toHaveCount(0);
});

test("a top-up for another team's id is refused and sends nobody to Stripe", async ({ page, user: a, newUser }) => {
  const b = await newUser();
  await page.goto(`/${a.teamSlug}/billing`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Continue to payment" }) });
  await forgeHiddenTeam(form, b.teamSlug);
  await form.getByRole("button", { name: "Continue to payment" }).click();
  await expect(form.getByRole("alert")).toContainText("does not exist or you do not have access");
  await expect(page).toHaveURL(new RegExp(`/${a.teamSlug}/billing$`));
  await b.page.goto(`/${b.teamSlug}/billing`);
  await expect(b.page.getByText("No payments yet")).toBeVisible();
});
