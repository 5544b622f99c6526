// The first account on an empty installation becomes the platform admin (lib/teams/provision-new-user.ts).
// This claims it before the browser specs run, so no spec's user is an admin by accident of ordering
// (cross-tenant.spec.ts checks that ordinary users get a 404 from /admin).
import { test as setup, expect } from "@playwright/test";
import { signUp, uniqueEmail } from "../fixtures/users";

setup("claim the first account", async ({ page }) => {
  const admin = await signUp(page, { name: "Platform Admin", email: uniqueEmail("admin") });
  expect(admin.teamSlug).toBeTruthy();
});
