// Members page: pending invitations are resent (the old link stops working) and revoked, a member is
// removed and loses access at once, and a plain member sees the list without any controls.
import { test, expect, acceptInvitation, createTeam, invite, memberRows, uniqueEmail, confirmDialog } from "../fixtures";
import { saveScreenshot } from "../fixtures/screenshots";

test("resend and revoke invitations, remove a member; members see no controls", async ({ page, user, newUser }) => {
  const team = await createTeam(page);

  // Resend: a new link replaces the old one, which no longer works.
  const firstEmail = uniqueEmail("resent");
  const oldLink = await invite(page, team.slug, firstEmail, "MEMBER");
  await page.reload();
  const resentRow = page.getByTestId("invitation-row").filter({ hasText: firstEmail });
  await resentRow.getByRole("button", { name: "Resend" }).click();
  await expect(resentRow.getByRole("status")).toContainText("New link created (the old one no longer works)");
  const newLink = await resentRow.getByTestId("revealed-value").inputValue();
  expect(newLink).not.toBe(oldLink);

  const invitee = await newUser({ email: firstEmail });
  await invitee.page.goto(oldLink);
  await expect(invitee.page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await acceptInvitation(invitee.page, newLink, team);

  // Revoke: the second invitation disappears and its link says it was withdrawn.
  const revokedEmail = uniqueEmail("revoked");
  const revokedLink = await invite(page, team.slug, revokedEmail, "ADMIN");
  await page.reload();
  const revokedRow = page.getByTestId("invitation-row").filter({ hasText: revokedEmail });
  await revokedRow.getByRole("button", { name: "Revoke" }).click();
  await confirmDialog(page, `Revoke the invitation for ${revokedEmail}?`);
  await expect(revokedRow).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("invitation-row").filter({ hasText: revokedEmail })).toHaveCount(0);
  const stranger = await newUser({ email: revokedEmail });
  await stranger.page.goto(revokedLink);
  await expect(stranger.page.getByText("This invitation was withdrawn. Ask the team for a new one.")).toBeVisible();

  // A plain member sees the members but cannot invite, change roles or remove anyone.
  await invitee.page.goto(`/${team.slug}/members`);
  await expect(memberRows(invitee.page)).toHaveCount(2);
  await expect(invitee.page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(invitee.page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(invitee.page.getByRole("button", { name: "Save role" })).toHaveCount(0);

  // The owner removes the member, who loses access to the team at once.
  await page.reload();
  await expect(memberRows(page)).toHaveCount(2);
  await saveScreenshot(page, "members");
  const memberRow = memberRows(page).filter({ hasText: firstEmail });
  await memberRow.getByRole("button", { name: "Remove" }).click();
  await confirmDialog(page, `Remove ${firstEmail}`);
  await expect(memberRow).toHaveCount(0);
  await page.reload();
  await expect(memberRows(page)).toHaveCount(1);
  await expect(memberRows(page)).toContainText(user.email);
  const response = await invitee.page.goto(`/${team.slug}/members`);
  expect(response?.status()).toBe(404);
});
