// Issue 15, point 5: the admin's credit form restates the amount and the team in the app's own dialog
// before anything is sent, and one grant moves at most ADMIN_GRANT_MAX (10,000 by default): more is
// refused next to the amount, with the typed values kept.
import { test, expect } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { confirmDialog, dismissDialog } from "../fixtures/confirm-dialog";

test("a grant is confirmed with its amount and team, and one over the maximum is refused", async ({ page, user, browser }) => {
  const admin = await signInAsPlatformAdmin(browser);
  await admin.goto(`/admin/credit?q=${user.teamSlug}`);
  await expect(admin.getByLabel("Team", { exact: true })).toHaveValue(user.teamSlug);
  await expect(admin.getByText("at most $10000.00 at a time")).toBeVisible();

  const question = `Grant $20000.00 to ${user.teamName} (/${user.teamSlug})?`;
  await admin.getByLabel(/^Amount/).fill("20000");
  await admin.getByLabel("Reason").fill("a slip of the keyboard");
  await admin.getByRole("button", { name: "Apply credit" }).click();
  await expect(admin.getByRole("alertdialog")).toHaveAccessibleName(question);
  await dismissDialog(admin); // backing out sends nothing
  await expect(admin.getByRole("status")).toHaveCount(0);

  await admin.getByRole("button", { name: "Apply credit" }).click();
  await confirmDialog(admin, question);
  await expect(admin.getByText("At most $10000.00 per grant or adjustment (ADMIN_GRANT_MAX).")).toBeVisible();
  await expect(admin.getByLabel(/^Amount/)).toHaveValue("20000");
  await expect(admin.getByLabel(/^Amount/)).toHaveAttribute("aria-invalid", "true");
  await expect(admin.getByLabel("Reason")).toHaveValue("a slip of the keyboard");

  await admin.getByLabel(/^Amount/).fill("7.25");
  await admin.getByLabel("Reason").fill("pilot credit");
  await admin.getByRole("button", { name: "Apply credit" }).click();
  await confirmDialog(admin, `Grant $7.25 to ${user.teamName} (/${user.teamSlug})?`);
  await expect(admin.getByRole("status")).toHaveText(`Granted $7.25 to ${user.teamName} (/${user.teamSlug}). New balance: $7.25.`);

  await page.goto(`/${user.teamSlug}/billing`);
  await expect(page.getByTestId("balance")).toHaveText("$7.25");
});
