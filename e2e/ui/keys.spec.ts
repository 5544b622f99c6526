// API keys in the portal: create (shown once), list masked, revoke with a confirmation, rotate.
import { test, expect, confirmDialog, dismissDialog, type Page } from "../fixtures";

const KEY = /^tg_live_[0-9A-Za-z]{36}$/;

const keyRow = (page: Page, masked: string) => page.getByTestId("key-row").filter({ hasText: masked });
const masked = (key: string) => `tg_live_…${key.slice(-4)}`;

async function createKey(page: Page, name: string): Promise<string> {
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText(`Key “${name}” created.`);
  const key = await page.getByTestId("revealed-value").inputValue();
  expect(key).toMatch(KEY);
  return key;
}

test("create a key, see it once, then find it masked; revoke it", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/keys`);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByText("This team has no API keys yet")).toBeVisible();

  // A spend cap that is not an amount is refused next to its field, and nothing is created.
  await page.getByLabel("Key name").fill("CI deploys");
  await page.getByLabel("Spend cap (USD)").fill("12.5.0");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Enter an amount like 25 or 12.50 (up to six decimals).").first()).toBeVisible();
  await expect(page.getByTestId("revealed-value")).toHaveCount(0);
  await page.getByLabel("Spend cap (USD)").fill("12.50");

  const key = await createKey(page, "CI deploys");
  await expect(page.getByText("Copy this key now: you will not see it again.")).toBeVisible();
  await expect(keyRow(page, masked(key))).toContainText("CI deploys");
  await expect(keyRow(page, masked(key))).toContainText("$0.00 / $12.50");

  // After a reload the key is gone for good: only its prefix and last four characters remain.
  await page.reload();
  await expect(page.getByTestId("revealed-value")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  const row = keyRow(page, masked(key));
  await expect(row.getByTestId("masked-key")).toHaveText(masked(key));
  await expect(row).toContainText("All subscribed APIs");
  await expect(row).toContainText("by you");
  await expect(row).toContainText("Active");

  // Revoking asks first; dismissing changes nothing.
  await row.getByRole("button", { name: "Revoke" }).click();
  await dismissDialog(page);
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Revoke" }).click();
  await confirmDialog(page, "Revoke “CI deploys”?");
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
  await page.reload();
  await expect(keyRow(page, masked(key))).toContainText("Revoked");
});

test("rotating a key reveals a new one once and keeps the old one for the grace period", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/keys`);
  const key = await createKey(page, "Backend");
  await page.reload();

  const oldRow = keyRow(page, masked(key));
  await oldRow.getByLabel("Grace period when rotating Backend").selectOption("3600");
  await oldRow.getByRole("button", { name: "Rotate" }).click();
  const revealed = page.getByTestId("revealed-value");
  await expect(revealed).toHaveCount(1);
  const newKey = await revealed.inputValue();
  expect(newKey).toMatch(KEY);
  expect(newKey).not.toBe(key);
  await expect(page.getByText("Copy this key now: you will not see it again.")).toBeVisible();

  await expect(oldRow).toContainText("Rotating");
  await expect(oldRow).toContainText("End of the grace period after rotation");
  await expect(page.getByRole("status").filter({ hasText: "Key rotated." })).toHaveText(
    "Key rotated. The old key keeps working for 1 hour.",
  );
  await expect(oldRow.getByRole("button", { name: "Rotate" })).toHaveCount(0);
  const newRow = keyRow(page, masked(newKey));
  await expect(newRow).toContainText("Backend");
  await expect(newRow).toContainText("Active");

  await page.reload();
  await expect(page.getByTestId("revealed-value")).toHaveCount(0);
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await expect(page.getByTestId("key-row").first()).toContainText(masked(newKey));
});
