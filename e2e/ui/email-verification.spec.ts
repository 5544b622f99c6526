// Email verification in the browser: sign up, open the link from the outbox (the mailbox of a
// server without SMTP), see the result; a used, replaced or broken link says so and offers a new one.
import { test, expect, signIn, submitSignUp, uniqueEmail, uniqueName, PASSWORD } from "../fixtures";
import { emailsTo, verificationLink } from "../fixtures/outbox";

test("sign up, open the link from the email, verified, sign in", async ({ page }) => {
  const email = uniqueEmail("verify");
  await submitSignUp(page, { name: uniqueName("Vera"), email, password: PASSWORD });

  const link = await verificationLink(email);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Email verified" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`${email} is verified.`);
  // Not an admin: the install's first account was claimed by e2e/setup.
  await expect(page.getByText("platform admin")).toHaveCount(0);

  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // The link works once; opening it again says the address is verified already.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Already verified" })).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("a replaced or broken link says so, and the resend form sends a new one", async ({ page }) => {
  const email = uniqueEmail("resend");
  await submitSignUp(page, { name: uniqueName("Ray"), email, password: PASSWORD });
  const first = await verificationLink(email);

  await page.getByRole("link", { name: "Get a new link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verify your email" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `If ${email} has an account waiting for verification, a new link is on its way. It expires in 24 hours.`,
  );
  await expect.poll(async () => (await emailsTo(email)).length).toBe(2);

  await page.goto(first);
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();
  await page.goto("/verify-email?token=not-a-real-token");
  await expect(page.getByRole("heading", { level: 1, name: "This link is not valid" })).toBeVisible();

  // An address without an account gets the same answer, and no email.
  const nobody = uniqueEmail("nobody");
  await page.getByLabel("Email", { exact: true }).fill(nobody);
  await page.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${nobody} has an account waiting for verification`);
  expect(await emailsTo(nobody)).toHaveLength(0);

  await page.goto(await verificationLink(email));
  await expect(page.getByRole("heading", { level: 1, name: "Email verified" })).toBeVisible();
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});
