// The admin system page: the platform admin finds it in the admin bar and reads every section,
// including both app instances of the e2e server (they share one database and each heartbeats);
// anyone else gets the admin console's 404.
import fs from "node:fs";
import { test, expect } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { saveScreenshot } from "../fixtures/screenshots";

const { version } = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

test("the platform admin reads the system page: version, instances, database, Redis, backlogs", async ({ browser }) => {
  const admin = await signInAsPlatformAdmin(browser);
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "System" }).click();
  await expect(admin).toHaveURL(/\/admin\/system$/);
  await expect(admin.getByRole("heading", { level: 1, name: "System" })).toBeVisible();

  await expect(admin.getByTestId("system-version")).toHaveText(version);
  await expect(admin.getByTestId("system-database")).toHaveText("reachable");
  await expect(admin.getByText(/SELECT 1 in \d+ ms/)).toBeVisible();
  // The e2e server runs without REDIS_URL.
  await expect(admin.getByTestId("system-redis")).toHaveText("not configured");
  for (const tile of [
    "system-usage-lag",
    "system-open-calls",
    "system-credit-leases",
    "system-webhooks-pending",
    "system-stripe-unapplied",
  ]) {
    await expect(admin.getByTestId(tile)).toBeVisible();
  }

  // Both instances of the e2e server, this page's own marked.
  const instances = admin.getByTestId("system-instances-table").locator("tbody tr");
  await expect(instances.filter({ hasText: "running" })).not.toHaveCount(0);
  expect(Number(await admin.getByTestId("system-instance-count").textContent())).toBeGreaterThanOrEqual(2);
  await expect(instances.filter({ hasText: "(this page)" })).toHaveCount(1);

  for (const section of [
    "Instances",
    "Open calls and reservations",
    "Credit leases",
    "Team webhook deliveries",
    "Stripe events not applied",
  ]) {
    await expect(admin.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await admin.getByRole("link", { name: "All on Payments" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Payments and revenue" })).toBeVisible();
  await admin.goBack();
  await saveScreenshot(admin, "admin-system");
});

test("a non-admin gets 404 from the system page", async ({ page, user }) => {
  expect(user.email).toBeTruthy();
  const response = await page.goto("/admin/system");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Usage batch lag")).toHaveCount(0);
});
