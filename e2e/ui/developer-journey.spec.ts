// The whole product in one walk, as its two kinds of users meet it in the browser:
// - a platform admin publishes an API with an OpenAPI document and a plan that needs approval;
// - a new developer signs up, asks for the plan, and the admin approves it and grants credit;
// - the developer creates a key, calls the API from the API page's try-it console until the credit
//   is gone (200, 200, then 402 with the way to top up), and finds those calls on the usage page.
import crypto from "node:crypto";
import { test, expect, type Page } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { confirmDialog } from "../fixtures/confirm-dialog";
import { saveScreenshot } from "../fixtures/screenshots";

const OPENAPI = (title: string) => `openapi: 3.1.0
info:
  title: ${title}
  version: 2.0.0
paths:
  /echo:
    get:
      summary: Echo the request back
      responses:
        "200":
          description: What the upstream received
`;

async function publishApi(admin: Page, baseURL: string, api: { slug: string; name: string }) {
  await admin.goto("/admin/apis/new");
  await admin.getByLabel("Slug", { exact: true }).fill(api.slug);
  await admin.getByLabel("Name", { exact: true }).fill(api.name);
  await admin.getByLabel("Summary").fill("Echoes what it receives, one quarter per call.");
  await admin.getByLabel("Tags").fill("journey, echo");
  // The app's own demo upstream: the one origin allowed without ALLOW_PRIVATE_UPSTREAMS.
  await admin.getByLabel("Upstream base URL").fill(`${baseURL}/api/demo`);
  await admin.getByLabel(/paste it/).fill(OPENAPI(api.name));
  const plan = admin.getByTestId("plan-row").first();
  await plan.getByLabel("Plan slug").fill("partner");
  await plan.getByLabel("Plan name").fill("Partner");
  await plan.getByLabel(/^Price per call/).fill("0.25");
  await plan.getByLabel("Subscriptions need an admin's approval").check();
  await admin.getByRole("button", { name: "Create API" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "API created as a draft" })).toBeVisible();
  await admin.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Published" })).toBeVisible();
}

test("sign-up to a try-it call and a 402, with the admin publishing, approving and granting credit; usage shows the calls", async ({
  page,
  user,
  browser,
  baseURL,
}) => {
  // One long story across two browsers: about 45 steps of 1 to 2 s each on a busy 2-core runner.
  test.setTimeout(120_000);
  const slug = `journey-${crypto.randomBytes(4).toString("hex")}`;
  const api = { slug, name: `Journey ${slug}` };
  const admin = await signInAsPlatformAdmin(browser);
  await publishApi(admin, baseURL!, api);

  // The developer (signed up by the `user` fixture) finds the API in the public catalog.
  await page.goto(`/catalog?q=${slug}`);
  await expect(page.getByTestId("api-card")).toHaveCount(1);
  await expect(page.getByTestId("api-card").getByTestId("price-from")).toContainText("$0.25");

  // Asking for the plan creates a request the admin decides.
  await page.goto(`/${user.teamSlug}/catalog`);
  const form = page.getByRole("form", { name: `Subscription to ${api.name}` });
  await form.getByLabel("Plan").selectOption("partner");
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Requested Partner for ${api.name}.` })).toBeVisible();

  // The admin hears of it on the overview and follows the notice to the approvals.
  await admin.goto("/admin");
  const notice = admin.getByTestId("notice").filter({ hasText: `Approval requested: ${user.teamName} on ${api.name}` });
  await notice.getByRole("link", { name: "Open" }).click();
  await expect(admin).toHaveURL(/\/admin\/approvals$/);
  const request = admin.locator(`[data-testid="approval-row"][data-team="${user.teamSlug}"][data-api="${slug}"]`);
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(request).toHaveCount(0);

  // Credit for exactly two calls.
  await admin.goto(`/admin/credit?q=${user.teamSlug}`);
  await expect(admin.getByLabel("Team", { exact: true })).toHaveValue(user.teamSlug);
  await admin.getByLabel(/^Amount/).fill("0.50");
  await admin.getByLabel("Reason").fill("journey: two calls");
  await admin.getByRole("button", { name: "Apply credit" }).click();
  await confirmDialog(admin, "Grant $0.50 to");
  await expect(admin.getByRole("status")).toContainText("New balance: $0.50.");

  await page.goto(`/${user.teamSlug}/subscriptions`);
  await expect(page.locator(`[data-testid="subscription-row"][data-api="${slug}"]`).getByTestId("subscription-status")).toHaveText(
    "Active · Partner",
  );

  await page.goto(`/${user.teamSlug}/keys`);
  await page.getByLabel("Key name").fill("Journey key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText("Key “Journey key” created.");

  // Try it from the API page: two calls are charged, the third finds no credit.
  await page.goto(`/catalog/${slug}`);
  const console_ = page.getByTestId("try-it-console");
  await console_.getByLabel("Team").selectOption(user.teamSlug);
  await console_.getByLabel("Operation").selectOption({ label: "GET /echo — Echo the request back" });
  const result = page.getByTestId("try-it-result");
  const send = () => console_.getByRole("button", { name: "Send request" }).click();

  await send();
  await expect(result.getByTestId("try-it-status")).toHaveText("200 OK");
  await expect(result.getByTestId("try-it-charge")).toHaveText("Charged $0.25 · balance $0.25");
  await send();
  await expect(result.getByTestId("try-it-charge")).toHaveText("Charged $0.25 · balance $0.00");
  await send();
  await expect(result.getByTestId("try-it-status")).toHaveText("402 Payment Required");
  await expect(result.getByRole("alert")).toContainText("credit");
  await expect(result.getByRole("link", { name: "Top up the team's credit" })).toHaveAttribute("href", `/${user.teamSlug}/billing`);
  await saveScreenshot(page, "journey-try-it-402");

  // The usage page shows the three calls: two charged 200s and the 402.
  await expect(async () => {
    await page.goto(`/${user.teamSlug}/usage`);
    await expect(page.getByTestId("tile-requests")).toContainText("3", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("tile-spend")).toContainText("$0.50");
  await expect(page.getByTestId("usage-by-api-row").filter({ hasText: api.name })).toHaveCount(1);
  await expect(page.getByTestId("log-row")).toHaveCount(3);
  // Newest first; the status cell is the sixth.
  await expect(page.getByTestId("log-row").locator("td:nth-child(6)")).toHaveText([/^402\s*insufficient_credit$/, /^200$/, /^200$/]);
  await saveScreenshot(page, "journey-usage");
});
