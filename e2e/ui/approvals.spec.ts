// Subscriptions with approvals: a team owner asks for plans that require approval and sees
// "Pending approval"; the platform admin approves one and rejects another (a reason is required)
// on /admin/approvals; the owner sees Active, Rejected with the reason, and the notifications. A
// plan change waiting for approval keeps the current plan and shows up for the admin.
import crypto from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, type Page } from "../fixtures";
import { adminToken } from "../fixtures/instances";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { saveScreenshot } from "../fixtures/screenshots";

/** A published API whose two plans both require approval, created with the admin token. */
async function gatedApi(request: APIRequestContext, label: string) {
  const slug = `appr-${crypto.randomBytes(4).toString("hex")}`;
  const name = `${label} ${slug}`;
  const plan = (planSlug: string, planName: string, price: string) => ({
    slug: planSlug,
    name: planName,
    price,
    rateLimit: 60,
    rateLimitWindowSec: 60,
    maxRequestBytes: 65_536,
    requiresApproval: true,
  });
  const response = await request.post("/api/v1/apis", {
    headers: { authorization: `Bearer ${adminToken()}` },
    data: {
      slug,
      name,
      upstreamBaseUrl: "http://127.0.0.1:9",
      status: "PUBLISHED",
      plans: [plan("basic", "Basic", "0.001"), plan("gold", "Gold", "0.01")],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { slug, name };
}

async function subscribeFromCatalog(page: Page, teamSlug: string, api: { name: string }, plan: string) {
  await page.goto(`/${teamSlug}/catalog`);
  const form = page.getByRole("form", { name: `Subscription to ${api.name}` });
  await form.getByLabel("Plan").selectOption(plan.toLowerCase());
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Requested ${plan} for ${api.name}.` })).toBeVisible();
}

const subscriptionRow = (page: Page, api: { slug: string }) => page.locator(`[data-testid="subscription-row"][data-api="${api.slug}"]`);
const approvalRow = (page: Page, teamSlug: string, api: { slug: string }) =>
  page.locator(`[data-testid="approval-row"][data-team="${teamSlug}"][data-api="${api.slug}"]`);

test("the owner asks, the platform admin approves one request and rejects another with a reason; the team sees both", async ({
  page,
  user,
  request,
  browser,
}) => {
  const approved = await gatedApi(request, "Approved API");
  const refused = await gatedApi(request, "Refused API");

  await subscribeFromCatalog(page, user.teamSlug, approved, "Basic");
  await subscribeFromCatalog(page, user.teamSlug, refused, "Basic");
  await page.goto(`/${user.teamSlug}/subscriptions`);
  await expect(page.getByRole("heading", { level: 1, name: "Subscriptions" })).toBeVisible();
  await expect(subscriptionRow(page, approved).getByTestId("subscription-status")).toHaveText("Pending approval · Basic");
  await expect(page.getByTestId("subscriptions-summary")).toHaveText("2 subscriptions, 2 waiting for approval.");

  const admin = await signInAsPlatformAdmin(browser);
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Approvals" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await expect(admin.getByTestId("approvals-count")).toContainText(/\d+ requests? waits? for a decision/);
  const first = approvalRow(admin, user.teamSlug, approved);
  await expect(first).toContainText("New subscription");
  await expect(first).toContainText("$0.001");
  await expect(first).toContainText(user.email);
  await saveScreenshot(admin, "admin-approvals");

  await first.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Approved ${user.teamName} on ${approved.name}: now on Basic.` })).toBeVisible();
  await expect(first).toHaveCount(0);

  // A rejection without a reason is refused next to the field; with one it goes through.
  const second = approvalRow(admin, user.teamSlug, refused);
  await second.getByRole("button", { name: "Reject" }).click();
  await expect(second.getByText("Give the team a reason.")).toBeVisible();
  await expect(approvalRow(admin, user.teamSlug, refused)).toHaveCount(1);
  const reason = "Refused API is for partners with a contract.";
  await second.getByLabel("Reason for rejecting").fill(reason);
  await second.getByRole("button", { name: "Reject" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Rejected ${user.teamName} on ${refused.name}.` })).toBeVisible();
  await expect(second).toHaveCount(0);

  // The owner: Active, Rejected with the reason, and both notices on the overview.
  await page.goto(`/${user.teamSlug}/subscriptions`);
  await expect(subscriptionRow(page, approved).getByTestId("subscription-status")).toHaveText("Active · Basic");
  await expect(subscriptionRow(page, refused).getByTestId("subscription-status")).toContainText(
    ["Rejected · Basic", `Reason: ${reason}`].join(""),
  );
  await page.goto(`/${user.teamSlug}`);
  const notices = page.getByTestId("notice");
  await expect(notices.filter({ hasText: `${approved.name} approved` })).toHaveCount(1);
  await expect(notices.filter({ hasText: `Reason: ${reason}` })).toHaveCount(1);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByText("No unread notifications.")).toBeVisible();

  // A change to another plan that requires approval keeps Basic active while it waits.
  await page.goto(`/${user.teamSlug}/subscriptions`);
  const row = subscriptionRow(page, approved);
  await row.getByLabel("Plan").selectOption("gold");
  await row.getByRole("button", { name: "Change plan" }).click();
  await expect(row.getByRole("status")).toHaveText(
    `Requested a change of ${approved.name} to Gold. The team stays on Basic until a platform admin approves it.`,
  );
  await expect(row.getByTestId("subscription-status")).toContainText("Active · Basic");
  await expect(row.getByTestId("pending-plan-change")).toHaveText("Change to Gold waiting for approval; calls stay on Basic until then.");
  await saveScreenshot(page, "team-subscriptions");
  await page.goto(`/${user.teamSlug}`);
  await expect(page.getByTestId("waiting-approval")).toContainText(`${approved.name}: change from Basic to Gold`);

  await admin.goto("/admin/approvals");
  await expect(approvalRow(admin, user.teamSlug, approved)).toContainText("Plan change");
  await expect(approvalRow(admin, user.teamSlug, approved)).toContainText("Basic → Gold");
});

test("a new team's subscriptions page shows the empty state; a non-admin gets 404 from /admin/approvals", async ({ page, user }) => {
  expect(user.teamSlug).toBeTruthy();
  const response = await page.goto("/admin/approvals");
  expect(response?.status()).toBe(404);
  await page.goto(`/${user.teamSlug}/subscriptions`);
  await expect(page.getByText("No subscriptions yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "catalog", exact: true })).toHaveAttribute("href", `/${user.teamSlug}/catalog`);
});
