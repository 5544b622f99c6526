// Forms after a refusal keep what was typed, mark the field and say what to do in plain words (never
// zod's own text); the OpenAPI upload refuses oversized and binary files by name; try-it warns before
// sending a body that is not JSON; destructive actions confirm in the app's own dialog, which works
// from the keyboard alone (labelled, focus kept inside, Escape backs out, focus returns).
import { test, expect, adminToken } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { saveScreenshot } from "../fixtures/screenshots";

/** zod's built-in English, which must never reach a person. */
const ZOD_WORDING = /Too small|Too big|Invalid input|Invalid option|expected string|expected number/;

test("the low-balance alert form keeps the typed values and highlights the refused field", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/billing`);
  const alerts = page.locator("section").filter({ has: page.getByRole("heading", { name: "Low-balance alert" }) });
  const threshold = alerts.getByLabel(/Alert below/);
  const webhook = alerts.getByLabel(/Webhook URL/);

  await threshold.fill("-5");
  await webhook.fill("https://hooks.example.test/tollgate");
  await alerts.getByRole("button", { name: "Save alert settings" }).click();

  await expect(alerts.getByRole("alert")).toBeVisible();
  await expect(threshold).toHaveValue("-5");
  await expect(webhook).toHaveValue("https://hooks.example.test/tollgate");
  await expect(threshold).toHaveAttribute("aria-invalid", "true");
  await expect(threshold).toHaveAccessibleDescription("Must be 0 or more.");
  await expect(webhook).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(ZOD_WORDING)).toHaveCount(0);
  await saveScreenshot(page, "form-kept-values");

  // Corrected, it saves, and the saved values come back.
  await threshold.fill("5.00");
  await alerts.getByRole("button", { name: "Save alert settings" }).click();
  await expect(alerts.getByRole("status")).toHaveText("Alert settings saved.");
  await expect(threshold).toHaveValue("5.00");
  await expect(threshold).not.toHaveAttribute("aria-invalid", "true");
});

test("the API form: a negative price must be 0 or more; oversized and binary OpenAPI files are named as such", async ({
  browser,
  baseURL,
}) => {
  const page = await signInAsPlatformAdmin(browser);
  await page.goto("/admin/apis/new");
  const slug = `neg-${Date.now().toString(36)}`;
  await page.getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByLabel("Name", { exact: true }).fill("Negative price");
  await page.getByLabel("Upstream base URL").fill(`${baseURL}/api/demo`);

  const file = page.getByLabel("Upload a file (.json, .yaml)");
  await file.setInputFiles({ name: "huge.json", mimeType: "application/json", buffer: Buffer.alloc(1024 * 1024 + 512 * 1024, "a") });
  await expect(page.getByRole("alert").filter({ hasText: "This file is over 1 MiB (1.50 MiB)" })).toBeVisible();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  await file.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("alert").filter({ hasText: "not a JSON or YAML document" })).toBeVisible();
  await expect(file).toHaveAttribute("aria-invalid", "true");
  // Neither file stays chosen, so neither is sent.
  expect(await file.evaluate((input: HTMLInputElement) => input.files?.length ?? 0)).toBe(0);

  const plan = page.getByTestId("plan-row").first();
  await plan.getByLabel("Plan slug").fill("free");
  await plan.getByLabel("Plan name").fill("Free");
  await plan.getByLabel(/^Price per call/).fill("-1");
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("plan-row").first().getByText("Must be 0 or more.")).toBeVisible();
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue(slug);
  await expect(
    page
      .getByTestId("plan-row")
      .first()
      .getByLabel(/^Price per call/),
  ).toHaveValue("-1");
  await expect(page.getByText(ZOD_WORDING)).toHaveCount(0);
});

test("try-it warns before sending a body that is not JSON, and sends it only when asked", async ({ page, user, request }) => {
  const headers = { authorization: `Bearer ${adminToken()}` };
  const subscribed = await request.post(`/api/v1/teams/${user.teamSlug}/subscriptions`, { headers, data: { api: "demo", plan: "free" } });
  expect(subscribed.status(), await subscribed.text()).toBeLessThan(300);
  await page.goto(`/${user.teamSlug}/keys`);
  await page.getByLabel("Key name").fill("Console key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("revealed-value")).toBeVisible();

  await page.goto("/catalog/demo");
  const console_ = page.getByTestId("try-it-console");
  await console_.getByLabel("Team").selectOption(user.teamSlug);
  await console_.getByLabel("Operation").selectOption({ label: "Custom request…" });
  await console_.getByLabel("Method").selectOption("POST");
  await console_.getByLabel("Path").fill("/echo");
  await console_.getByLabel("JSON body").fill('{"hello": "world",}');
  await console_.getByRole("button", { name: "Send request" }).click();

  const warning = console_.getByRole("alert");
  await expect(warning).toContainText("The body is not valid JSON");
  await expect(console_.getByLabel("JSON body")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("try-it-result")).toHaveCount(0);

  await warning.getByRole("button", { name: "Send it anyway" }).click();
  await expect(page.getByTestId("try-it-result").getByTestId("try-it-status")).toHaveText("200 OK");

  // Valid JSON goes without a question.
  await console_.getByLabel("JSON body").fill('{"hello": "world"}');
  await console_.getByRole("button", { name: "Send request" }).click();
  await expect(console_.getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("try-it-result").getByTestId("try-it-status")).toHaveText("200 OK");
});

test("revoking a key confirms in the app's dialog, by keyboard alone", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/keys`);
  await page.getByLabel("Key name").fill("Keyboard key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText("Key “Keyboard key” created.");
  await page.reload();

  const revoke = page.getByRole("button", { name: "Revoke Keyboard key" });
  await revoke.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName(/^Revoke “Keyboard key”\?/);
  const cancel = dialog.getByRole("button", { name: "Cancel" });
  const confirm = dialog.getByRole("button", { name: "Revoke" });
  // Focus starts on the safe choice and stays inside the dialog both ways.
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(confirm).toBeFocused();
  await saveScreenshot(page, "confirm-dialog");

  // Escape backs out: nothing changes and focus is back on the button that asked.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(revoke).toBeFocused();
  const row = page.getByRole("row").filter({ hasText: "Keyboard key" });
  await expect(row).toContainText("Active");

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText("Revoked");
});
