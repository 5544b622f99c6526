// Sign-up, sign-out and sign-in through the real forms (email verification: email-verification.spec.ts).
import {
  test,
  expect,
  fillSignUpForm,
  signIn,
  signOut,
  signUp,
  submitSignUp,
  uniqueEmail,
  uniqueName,
  PASSWORD,
  TEAM_PATH,
  pathOf,
} from "../fixtures";
import { latestEmail } from "../fixtures/outbox";

test("sign-up lands on the personal team; sign-out and sign-in again work", async ({ page }) => {
  const name = uniqueName("Ada");
  const user = await signUp(page, { name });

  await expect(page).toHaveURL((url) => TEAM_PATH.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText("You are an owner of this team.")).toBeVisible();
  await expect(page.getByTestId("team-name")).toHaveText(`${name}'s team`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(user.email);

  await signOut(page);
  await page.goto(`/${user.teamSlug}`);
  await expect(page).toHaveURL((url) => url.pathname === "/sign-in" && url.searchParams.get("callbackUrl") === `/${user.teamSlug}`);

  // Signing in from that redirect returns to the page that asked for it.
  await page.getByLabel("Email", { exact: true }).fill(user.email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/${user.teamSlug}`);
  await expect(page.getByTestId("team-name")).toHaveText(user.teamName);
  await expect(page.getByTestId("signed-in-as")).toHaveText(user.email);
});

test("a wrong password is refused with a message", async ({ page }) => {
  const user = await signUp(page);
  await signOut(page);

  await signIn(page, user.email, `${user.password} but wrong`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL((url) => url.pathname === "/sign-in");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);

  // An unknown address gets the same answer (no account enumeration).
  await signIn(page, uniqueEmail("nobody"), PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");

  await signIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("a weak password is refused at sign-up with a field error", async ({ page }) => {
  const email = uniqueEmail();
  await page.goto("/sign-up");
  await fillSignUpForm(page, { name: uniqueName(), email, password: "short" });

  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters.");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check the highlighted fields.");
  // The other fields keep what was typed; the password is never echoed back.
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await expect(password).toHaveValue("");

  await fillSignUpForm(page, { password: "aaaaaaaaaaaa" });
  await expect(page.locator("#password-error")).toHaveText("Use more different characters.");
  await expect(page).toHaveURL((url) => url.pathname === "/sign-up");
});

test("signing up with an address that has an account answers like any sign-up, and tells the account", async ({ page }) => {
  const user = await signUp(page);
  await signOut(page);

  await submitSignUp(page, { name: uniqueName(), email: user.email, password: "another fine passphrase 7" });
  const note = await latestEmail(user.email, /^Someone tried to sign up/);
  expect(note.text).toContain("/sign-in");

  // The original account is untouched: its password still works.
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId("team-name")).toHaveText(user.teamName);
});

test("sign-out ends the session on the server: a copy of the cookie stops working", async ({ page, browser }) => {
  const user = await signUp(page);
  const copy = await browser.newContext({ storageState: await page.context().storageState() });
  try {
    const stolen = await copy.newPage();
    await stolen.goto(`/${user.teamSlug}`);
    await expect(stolen.getByTestId("signed-in-as")).toHaveText(user.email);

    await signOut(page);
    await stolen.goto(`/${user.teamSlug}`);
    await expect(stolen).toHaveURL((url) => url.pathname === "/sign-in");
  } finally {
    await copy.close();
  }
});

test("an empty or invalid sign-up form shows an error on each field", async ({ page }) => {
  await page.goto("/sign-up");
  await fillSignUpForm(page, {});
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(page.locator("#name-error")).toHaveText("Enter your name.");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters.");
  for (const label of ["Name", "Email", "Password"]) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute("aria-invalid", "true");
  }

  await fillSignUpForm(page, { name: "Grace", email: "not-an-email", password: PASSWORD });
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(page.locator("#name-error")).toHaveCount(0);
  await expect(page.locator("#password-error")).toHaveCount(0);
  expect(pathOf(page)).toBe("/sign-up");
});
