// Teams: create one, invite a second person who signs up from the link, change their role, switch teams.
import {
  test,
  expect,
  acceptInvitation,
  createTeam,
  expectCheckYourEmail,
  fillSignUpForm,
  invite,
  memberRows,
  signUp,
  uniqueEmail,
  uniqueName,
  PASSWORD,
} from "../fixtures";

test("create a team, invite someone who signs up from the link, and change their role", async ({ page, user, browser }) => {
  const team = await createTeam(page, uniqueName("Acme"));
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(memberRows(page)).toHaveCount(1);
  await expect(memberRows(page)).toContainText(`${user.email} · joined`);

  // Without SMTP the inviter gets the link to pass on.
  const inviteeEmail = uniqueEmail("invitee");
  const link = await invite(page, team.slug, inviteeEmail, "MEMBER");
  await page.reload();
  const pending = page.getByTestId("invitation-row");
  await expect(pending).toHaveCount(1);
  await expect(pending).toContainText(inviteeEmail);
  await expect(pending).toContainText(`Member · invited by ${user.email}`);

  // The invitee, in a browser of their own, opens the link and creates an account to accept.
  const inviteeContext = await browser.newContext();
  try {
    const invitee = await inviteeContext.newPage();
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { name: `Join ${team.name}` })).toBeVisible();
    await expect(invitee.getByText(`invited ${inviteeEmail} to join ${team.name} as member`)).toBeVisible();
    await invitee.getByRole("link", { name: "Create an account to accept" }).click();
    await expect(invitee).toHaveURL((url) => url.pathname === "/sign-up");
    await expect(invitee.getByLabel("Email", { exact: true })).toHaveValue(inviteeEmail);
    await fillSignUpForm(invitee, { name: uniqueName("Bea"), password: PASSWORD });
    await expectCheckYourEmail(invitee, inviteeEmail);
    await invitee.getByRole("link", { name: "Sign in" }).click();
    await expect(invitee.getByLabel("Email", { exact: true })).toHaveValue(inviteeEmail);
    await invitee.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await invitee.getByRole("button", { name: "Sign in" }).click();

    // Back on the invitation, now signed in as the invited address.
    await expect(invitee).toHaveURL(link);
    await acceptInvitation(invitee, link, team);
    await expect(invitee.getByText("You are a member of this team.")).toBeVisible();

    // The link works once.
    await invitee.goto(link);
    await expect(invitee.getByText("This invitation was already used.")).toBeVisible();

    // The inviter now sees two members and no pending invitation.
    await page.reload();
    await expect(memberRows(page)).toHaveCount(2);
    await expect(memberRows(page).filter({ hasText: user.email })).toContainText("(you)");
    await expect(memberRows(page).filter({ hasText: user.email })).toContainText("Owner");
    await expect(page.getByTestId("invitation-row")).toHaveCount(0);
    await expect(page.getByText(/^Members \(2\)$/)).toBeVisible();

    // The owner promotes the invitee to admin.
    const inviteeRow = memberRows(page).filter({ hasText: inviteeEmail });
    const roleSelect = inviteeRow.getByLabel(`Role of ${inviteeEmail}`);
    await expect(roleSelect).toHaveValue("MEMBER");
    await roleSelect.selectOption("ADMIN");
    await inviteeRow.getByRole("button", { name: "Save role" }).click();
    await expect(inviteeRow.getByRole("status")).toHaveText("Role updated.");
    await page.reload();
    await expect(memberRows(page).filter({ hasText: inviteeEmail }).getByLabel(`Role of ${inviteeEmail}`)).toHaveValue("ADMIN");

    // The invitee's own view follows: they are an admin and can now invite too.
    await invitee.goto(`/${team.slug}`);
    await expect(invitee.getByText("You are an admin of this team.")).toBeVisible();
    await invitee.goto(`/${team.slug}/members`);
    await expect(invitee.getByRole("button", { name: "Send invitation" })).toBeVisible();

    // The invitee's team switcher lists their personal team and the shared one.
    const switcher = invitee.locator("summary").filter({ hasText: "Switch team:" });
    await expect(switcher).toContainText(team.name);
    await switcher.click();
    const menu = invitee.locator("details").filter({ has: switcher });
    await expect(menu.getByRole("link", { name: team.name })).toBeVisible();
    await expect(menu.getByRole("link", { name: /personal$/ })).toBeVisible();
    await expect(menu.getByRole("link", { name: /'s team/ })).toHaveCount(1);
  } finally {
    await inviteeContext.close();
  }

  // The owner's switcher lists both of their teams; picking one goes there.
  await page.goto(`/${team.slug}`);
  const switcher = page.locator("summary").filter({ hasText: "Switch team:" });
  await switcher.click();
  const menu = page.locator("details").filter({ has: switcher });
  await expect(menu.getByRole("link", { name: team.name })).toBeVisible();
  await expect(menu.getByRole("link", { name: user.teamName })).toBeVisible();
  await expect(menu.getByRole("link", { name: "+ Create a team" })).toBeVisible();
  await menu.getByRole("link", { name: user.teamName }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/${user.teamSlug}`);
  await expect(page.getByTestId("team-name")).toHaveText(user.teamName);
});

test("an invitation for another address cannot be accepted by someone else", async ({ page, newUser }) => {
  await signUp(page);
  const team = await createTeam(page);
  const link = await invite(page, team.slug, uniqueEmail("intended"));

  const stranger = await newUser();
  await stranger.page.goto(link);
  await expect(stranger.page.getByRole("main").getByRole("alert")).toContainText(`You are signed in as ${stranger.email}`);
  await expect(stranger.page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  const response = await stranger.page.goto(`/${team.slug}`);
  expect(response?.status()).toBe(404);
});
