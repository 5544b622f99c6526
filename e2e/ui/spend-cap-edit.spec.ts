// Issue 15, points 6 and 14 in the portal: a key's spend cap is raised, removed and set again from the
// Keys page (a wrong amount is refused next to its field, the value kept), and a key rotated with "old
// key stops immediately" shows as Rotated.
import { test, expect, type Page } from "../fixtures";

const masked = (key: string) => `tg_live_…${key.slice(-4)}`;
const keyRow = (page: Page, key: string) => page.getByTestId("key-row").filter({ hasText: masked(key) });

async function createKey(page: Page, name: string, cap = ""): Promise<string> {
  await page.getByLabel("Key name").fill(name);
  await page.getByLabel("Spend cap (USD)").first().fill(cap);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Key “${name}” created.` })).toBeVisible();
  return page.getByTestId("revealed-value").inputValue();
}

test("raise, remove and set a key's spend cap on the Keys page", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/keys`);
  const key = await createKey(page, "Capped", "1");
  await page.reload();
  const row = keyRow(page, key);
  await expect(row).toContainText("$0.00 / $1.00");

  await row.getByText("Edit", { exact: true }).click();
  const form = row.getByTestId("edit-key");
  const cap = form.getByLabel("Spend cap (USD)");
  await expect(cap).toHaveValue("1");

  await cap.fill("2.5.0");
  await form.getByRole("button", { name: "Save Capped" }).click();
  await expect(form.getByText("Enter an amount like 25 or 12.50 (up to six decimals).").first()).toBeVisible();
  await expect(cap).toHaveValue("2.5.0");
  await expect(row).toContainText("$0.00 / $1.00");

  await cap.fill("2.50");
  await form.getByRole("button", { name: "Save Capped" }).click();
  await expect(form.getByRole("status")).toHaveText("Key “Capped” saved.");
  await expect(row).toContainText("$0.00 / $2.50");

  await cap.fill("");
  await form.getByRole("button", { name: "Save Capped" }).click();
  await expect(row).toContainText("$0.00 / no cap");

  await page.reload();
  await keyRow(page, key).getByText("Edit", { exact: true }).click();
  const again = keyRow(page, key).getByTestId("edit-key");
  await expect(again.getByLabel("Spend cap (USD)")).toHaveValue("");
  await again.getByLabel("Spend cap (USD)").fill("40");
  await again.getByLabel("Name").fill("Capped again");
  await again.getByRole("button", { name: "Save Capped" }).click();
  await expect(again.getByRole("status")).toHaveText("Key “Capped again” saved.");
  await expect(keyRow(page, key)).toContainText("$0.00 / $40.00");
  await expect(keyRow(page, key)).toContainText("Capped again");
});

test("a key rotated with the old key stopping immediately is Rotated", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/keys`);
  const key = await createKey(page, "Worker");
  await page.reload();
  const row = keyRow(page, key);
  await row.getByLabel("Grace period when rotating Worker").selectOption("0");
  await row.getByRole("button", { name: "Rotate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Key rotated." })).toHaveText("Key rotated. The old key no longer works.");
  await page.reload();
  await expect(keyRow(page, key)).toContainText("Rotated");
  await expect(keyRow(page, key)).toContainText("Replaced by a rotated key");
  await expect(keyRow(page, key).getByText("Edit", { exact: true })).toHaveCount(0);
});
