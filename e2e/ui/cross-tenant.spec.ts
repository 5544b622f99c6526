// Tenant isolation: nothing of team B is visible or changeable from team A, whatever the browser sends.
import { test, expect, acceptInvitation, forgeHiddenTeam, invite, memberRows, type Page } from "../fixtures";

const TEAM_PAGES = ["", "/members", "/keys", "/billing", "/usage", "/catalog", "/settings"];

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 404`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
}

test("a member of team A gets a 404 for every page of team B", async ({ page, user: a, newUser }) => {
  const b = await newUser();

  for (const suffix of TEAM_PAGES) {
    // B's own pages work, so the 404s below are about access, not broken pages.
    const own = await b.page.goto(`/${b.teamSlug}${suffix}`);
    expect(own?.status(), `B on /${b.teamSlug}${suffix}`).toBe(200);
    await expect(b.page.getByTestId("team-name")).toHaveText(b.teamName);

    await expectNotFound(page, `/${b.teamSlug}${suffix}`);
    await expect(page.getByText(b.teamName)).toHaveCount(0);
  }
  // Same answer as for a team that does not exist: existence is not revealed.
  await expectNotFound(page, `/no-such-team-${Date.now()}/members`);
  // A is still fine on their own team.
  const own = await page.goto(`/${a.teamSlug}/members`);
  expect(own?.status()).toBe(200);
});

test("the invite form refuses a forged team: no invitation is created in team B", async ({ page, user: a, newUser }) => {
  const b = await newUser();

  await page.goto(`/${a.teamSlug}/members`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Send invitation" }) });
  await forgeHiddenTeam(form, b.teamSlug);
  await page.getByLabel("Email address").fill("victim@example.test");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("alert")).toContainText("does not exist or you do not have access");
  await expect(page.getByTestId("revealed-value")).toHaveCount(0);

  // Neither team has a pending invitation (B's owner would see it on their members page).
  await b.page.goto(`/${b.teamSlug}/members`);
  await expect(b.page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(b.page.getByTestId("invitation-row")).toHaveCount(0);
  await expect(memberRows(b.page)).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);
});

test("the rename form refuses a forged team: team B keeps its name", async ({ page, user: a, newUser }) => {
  const b = await newUser();

  await page.goto(`/${a.teamSlug}/settings`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save", exact: true }) });
  await forgeHiddenTeam(form, b.teamSlug);
  await form.getByLabel("Name").fill("Renamed by A");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form.getByRole("alert")).toContainText("does not exist or you do not have access");

  await b.page.goto(`/${b.teamSlug}`);
  await expect(b.page.getByTestId("team-name")).toHaveText(b.teamName);
  await page.goto(`/${a.teamSlug}`);
  await expect(page.getByTestId("team-name")).toHaveText(a.teamName);
});

test("a plain member cannot invite or rename through a forged form", async ({ page, user: owner, newUser }) => {
  // The member joins the owner's team, where they have no admin rights.
  const member = await newUser();
  const link = await invite(page, owner.teamSlug, member.email, "MEMBER");
  await acceptInvitation(member.page, link, { slug: owner.teamSlug, name: owner.teamName });

  // Members see neither form on the shared team...
  await member.page.goto(`/${owner.teamSlug}/members`);
  await expect(memberRows(member.page)).toHaveCount(2);
  await expect(member.page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await member.page.goto(`/${owner.teamSlug}/settings`);
  await expect(member.page.getByText("only owners and admins can rename the team")).toBeVisible();

  // ...so they post their own team's forms with the shared team's slug.
  await member.page.goto(`/${member.teamSlug}/members`);
  const inviteForm = member.page.locator("form").filter({ has: member.page.getByRole("button", { name: "Send invitation" }) });
  await forgeHiddenTeam(inviteForm, owner.teamSlug);
  await member.page.getByLabel("Email address").fill("friend@example.test");
  await member.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("alert")).toHaveText("Only team admins and owners can do this.");

  await member.page.goto(`/${member.teamSlug}/settings`);
  const renameForm = member.page.locator("form").filter({ has: member.page.getByRole("button", { name: "Save", exact: true }) });
  await forgeHiddenTeam(renameForm, owner.teamSlug);
  await renameForm.getByLabel("Name").fill("Renamed by a member");
  await renameForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(renameForm.getByRole("alert")).toHaveText("Only team admins and owners can do this.");

  await page.goto(`/${owner.teamSlug}/members`);
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);
  await expect(page.getByTestId("team-name")).toHaveText(owner.teamName);
});

test("an ordinary user gets a 404 from the platform admin pages", async ({ page, user }) => {
  expect(user.email).toBeTruthy();
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expectNotFound(page, "/admin");
});
