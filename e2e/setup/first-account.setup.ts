// The first account on an empty installation becomes the platform admin once its address is
// verified (lib/auth/platform-admin-grant.ts); without SMTP the link is in the server log and the
// outbox, which the setup reads like the operator would. This claims it before the browser specs
// run, so no spec's user is an admin by accident of ordering (cross-tenant.spec.ts checks that
// ordinary users get a 404 from /admin), and records its credentials for the specs that act as the
// admin (e2e/fixtures/platform-admin.ts).
import { test as setup, expect } from "@playwright/test";
import { signUp, uniqueEmail } from "../fixtures/users";
import { recordPlatformAdmin } from "../fixtures/platform-admin";

setup("claim the first account", async ({ page }) => {
  const admin = await signUp(page, { name: "Platform Admin", email: uniqueEmail("admin"), verify: true });
  expect(admin.teamSlug).toBeTruthy();
  // On a reused server the first account was claimed by an earlier run, which recorded it already.
  if ((await page.getByRole("link", { name: "Admin" }).count()) > 0) recordPlatformAdmin(admin);
});
