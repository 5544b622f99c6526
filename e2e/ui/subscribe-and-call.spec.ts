// Self-service up to a first metered call: a new developer subscribes from the catalog, creates a key,
// calls the Demo API through the gateway; a paid plan without credit answers 402, no subscription 403.
import { test, expect, acceptInvitation, forgeHiddenTeam, invite, confirmDialog, dismissDialog, type Page } from "../fixtures";

const demoCard = (page: Page) => page.getByTestId("api-card").filter({ has: page.getByRole("heading", { name: "Demo API", exact: true }) });

async function choosePlan(page: Page, plan: "free" | "pro", button: "Subscribe" | "Change plan", message: string) {
  const card = demoCard(page);
  await card.getByLabel("Plan").selectOption(plan);
  await card.getByRole("button", { name: button }).click();
  await expect(card.getByRole("status")).toHaveText(message);
}

async function createKey(page: Page, name: string): Promise<string> {
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText(`Key “${name}” created.`);
  return page.getByTestId("revealed-value").inputValue();
}

test("subscribe to the Demo API, create a key and call it; then 402 on Pro without credit, 403 after cancelling", async ({
  page,
  user,
  request,
  baseURL,
}) => {
  // Sign-up lands on the overview, whose getting-started list shows the call to make.
  await expect(page.getByTestId("curl-example")).toHaveText(`curl -H "Authorization: Bearer $KEY" ${baseURL}/api/gateway/demo/echo`);
  await page.goto(`/${user.teamSlug}/catalog`);
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
  const card = demoCard(page);
  await expect(card.getByTestId("subscription-status")).toHaveText("Not subscribed");
  await expect(card.getByLabel("Plan").locator("option")).toHaveText([
    "Free — $0.00 per call · 10 req / 60 s",
    "Pro — $0.002 per call · 600 req / 60 s",
  ]);

  await choosePlan(page, "free", "Subscribe", "Subscribed to Demo API on Free.");
  await expect(card.getByTestId("subscription-status")).toHaveText("Active · Free");
  await expect(card.getByRole("button", { name: "Change plan" })).toBeVisible();

  // The success message leads on to the Keys page, where the key is revealed once.
  await card.getByRole("link", { name: "Keys page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  const key = await createKey(page, "First call");
  expect(key).toMatch(/^tg_live_[0-9A-Za-z]{36}$/);

  const call = () => request.get("/api/gateway/demo/echo", { headers: { authorization: `Bearer ${key}` } });
  const ok = await call();
  expect(ok.status(), await ok.text()).toBe(200);
  expect(ok.headers()["x-request-id"]).toBeTruthy();
  expect(ok.headers()["x-credit-charged"]).toMatch(/^0(\.0+)?$/);

  // Pro costs 0.002 a call and the new team has no credit: the same call is refused with a top-up link.
  await page.goto(`/${user.teamSlug}/catalog`);
  await choosePlan(page, "pro", "Change plan", "Switched Demo API to Pro. It applies from the next call.");
  await expect(card.getByTestId("subscription-status")).toHaveText("Active · Pro");
  const broke = await call();
  expect(broke.status()).toBe(402);
  expect(broke.headers()["content-type"]).toBe("application/problem+json");
  const problem = await broke.json();
  expect(problem).toMatchObject({ code: "insufficient_credit", status: 402, currency: "USD" });
  expect(problem.topUpUrl).toMatch(new RegExp(`/${user.teamSlug}/billing$`));
  expect(broke.headers()["link"]).toBe(`<${problem.topUpUrl}>; rel="payment"`);

  // Cancelling asks first; dismissing changes nothing.
  await card.getByRole("button", { name: "Cancel subscription" }).click();
  await dismissDialog(page);
  await expect(card.getByTestId("subscription-status")).toHaveText("Active · Pro");
  await card.getByRole("button", { name: "Cancel subscription" }).click();
  await confirmDialog(page, "Cancel this team's subscription to Demo API?");
  await expect(card.getByRole("status")).toHaveText("Cancelled the subscription to Demo API. Calls to it are refused from now on.");
  await expect(card.getByTestId("subscription-status")).toHaveText("Cancelled · Pro");
  await expect(card.getByRole("button", { name: "Cancel subscription" })).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Subscribe" })).toBeVisible();

  const refused = await call();
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ code: "subscription_required", status: 403 });
});

test("a plain member sees the team's subscription but no form, and cannot subscribe through a forged one", async ({
  page,
  user: owner,
  newUser,
}) => {
  await page.goto(`/${owner.teamSlug}/catalog`);
  await choosePlan(page, "free", "Subscribe", "Subscribed to Demo API on Free.");

  const member = await newUser();
  const link = await invite(page, owner.teamSlug, member.email, "MEMBER");
  await acceptInvitation(member.page, link, { slug: owner.teamSlug, name: owner.teamName });

  await member.page.goto(`/${owner.teamSlug}/catalog`);
  const card = demoCard(member.page);
  await expect(card.getByTestId("subscription-status")).toHaveText("Active · Free");
  await expect(card).toContainText("Owners and admins of this team subscribe and change plans.");
  await expect(card.getByLabel("Plan")).toHaveCount(0);
  await expect(member.page.getByRole("button", { name: /Subscribe|Change plan|Cancel subscription/ })).toHaveCount(0);

  // The member owns their personal team: its form, posted with the shared team's slug, is refused.
  await member.page.goto(`/${member.teamSlug}/catalog`);
  const form = demoCard(member.page).getByRole("form", { name: "Subscription to Demo API" });
  await forgeHiddenTeam(form, owner.teamSlug);
  await form.getByLabel("Plan").selectOption("pro");
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(demoCard(member.page).getByRole("alert")).toHaveText("Only team admins and owners can do this.");

  await page.goto(`/${owner.teamSlug}/catalog`);
  await expect(demoCard(page).getByTestId("subscription-status")).toHaveText("Active · Free");
});
