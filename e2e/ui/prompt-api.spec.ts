// A Prompt API from end to end: the platform admin defines one on the demo chat model (a template
// with a placeholder that has no variable is refused on its field first), runs the saved prompt in
// the test panel charged to a team of their own, and publishes it; a developer subscribes, reads
// what a call costs in words, and calls it from the try-it console with a JSON body of variables.
import crypto from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, adminToken, createTeam } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { saveScreenshot } from "../fixtures/screenshots";

async function grantCredit(request: APIRequestContext, team: string) {
  const granted = await request.post(`/api/v1/teams/${team}/credits`, {
    headers: { authorization: `Bearer ${adminToken()}` },
    data: { amount: "1", reason: "e2e prompt api credit" },
  });
  expect(granted.status(), await granted.text()).toBeLessThan(300);
}

async function createKey(page: Page, team: string, name: string) {
  await page.goto(`/${team}/keys`);
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText(`Key “${name}” created.`);
}

test("an admin defines a Prompt API, tests it in the panel and publishes it; a developer calls it from try-it", async ({
  browser,
  page,
  user,
  request,
}) => {
  const suffix = crypto.randomBytes(4).toString("hex");
  const slug = `summary-${suffix}`;
  const admin = await signInAsPlatformAdmin(browser);
  const adminTeam = await createTeam(admin);
  await grantCredit(request, adminTeam.slug);
  await createKey(admin, adminTeam.slug, "Test panel key");

  await admin.goto("/admin/apis");
  await admin.getByRole("link", { name: "New Prompt API" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "New Prompt API" })).toBeVisible();
  await admin.getByLabel("Slug", { exact: true }).fill(slug);
  await admin.getByLabel("Name", { exact: true }).fill(`Summary ${suffix}`);
  await admin.getByLabel("Summary", { exact: true }).fill("Summarises a text");
  await admin.getByLabel("Model", { exact: true }).selectOption("demo-chat");
  await admin.getByLabel("System prompt").fill("You write short summaries.");
  await admin.getByLabel("User message template").fill("Summarise in {{words}} words: {{text}}");
  await admin.getByRole("button", { name: "Create Prompt API" }).click();
  // Refused on its field (the form's summary alert repeats it): the placeholder has no variable; nothing was created.
  await expect(admin.getByLabel("User message template")).toHaveAccessibleDescription(
    /Unknown placeholder \{\{words\}\}: add a variable of that name or remove the placeholder\./,
  );

  await admin.getByRole("button", { name: "Add variable" }).click();
  await admin.getByLabel("Variable 2 name").fill("words");
  await admin.getByTestId("variable-1").getByLabel("Type").selectOption("number");
  await admin.getByRole("button", { name: "Create Prompt API" }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/apis/${slug}\\?created=1$`));
  await expect(admin.getByTestId("version-1")).toContainText("live");

  // The test panel runs the prompt through the real path, charged to the admin's team.
  await admin.getByLabel("Team to charge").selectOption(adminTeam.slug);
  await expect(admin.getByLabel("Key", { exact: true })).toContainText("Test panel key");
  await admin.getByLabel("Sample input (JSON)").fill('{"text": "Toll gates meter calls", "words": 4}');
  await expect(admin.getByText(`${adminTeam.name} is charged the model's token cost`)).toBeVisible();
  await admin.getByRole("button", { name: "Run test" }).click();
  const result = admin.getByTestId("test-result");
  await expect(result).toContainText("Echo: Summarise in 4 words: Toll gates meter calls");
  await expect(result).toContainText(/demo-chat · \d+ input tokens \(0 cached\) · \d+ output tokens · cost 0\.\d{6} USD/);
  await saveScreenshot(admin, "admin-prompt-api");

  await admin.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(admin.getByRole("complementary").getByText("published", { exact: true })).toBeVisible();

  // The developer: credit, a subscription, a key, then the API page and the console.
  await grantCredit(request, user.teamSlug);
  await page.goto(`/catalog/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: `Summary ${suffix}` })).toBeVisible();
  await expect(page.getByRole("list", { name: "What a call costs" })).toContainText(
    "Standard: $0.001 per call plus tokens at $0.10 per 1M input tokens",
  );
  await page.goto(`/${user.teamSlug}/catalog`);
  const card = page.getByTestId("api-card").filter({ has: page.getByRole("heading", { name: `Summary ${suffix}`, exact: true }) });
  await card.getByRole("button", { name: "Subscribe" }).click();
  await expect(card.getByRole("status")).toContainText(`Subscribed to Summary ${suffix}`);
  await createKey(page, user.teamSlug, "Prompt key");

  await page.goto(`/catalog/${slug}`);
  const console_ = page.getByTestId("try-it-console");
  await console_.getByLabel("Team").selectOption(user.teamSlug);
  await console_.getByLabel("Operation").selectOption({ label: "POST / — Summarises a text" });
  await console_.getByLabel("JSON body").fill('{"text": "Prepaid credit pays for every call", "words": 6}');
  await console_.getByRole("button", { name: "Send request" }).click();
  const answer = page.getByTestId("try-it-result");
  await expect(answer.getByTestId("try-it-status")).toHaveText("200 OK");
  await expect(answer.getByTestId("try-it-body")).toContainText(
    '"output": "Echo: Summarise in 6 words: Prepaid credit pays for every call"',
  );
  await expect(answer.getByTestId("try-it-body")).toContainText('"model": "demo-chat"');
  await expect(answer.getByTestId("try-it-charge")).toHaveText(/^Charged \$0\.00\d+ · balance \$0\.99\d+$/);
  await saveScreenshot(page, "try-it-prompt-api");

  // A call with a variable of the wrong type: 422 per field, not charged.
  await console_.getByLabel("JSON body").fill('{"text": "x", "words": "six"}');
  await console_.getByRole("button", { name: "Send request" }).click();
  await expect(answer.getByTestId("try-it-status")).toHaveText(/^422/);
  await expect(answer.getByTestId("try-it-body")).toContainText('"words": "Must be a number."');
  await admin.context().close();
});
