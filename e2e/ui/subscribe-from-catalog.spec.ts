// Issue 15, points 13 and 12: the public catalog's Subscribe goes straight to the subscribe step for the
// API and the plan chosen, and says "Subscribed" once the team is; the reference of a document without a
// security scheme shows the gateway's bearer key in its samples.
import crypto from "node:crypto";
import { test, expect, adminToken } from "../fixtures";

const OPENAPI = {
  openapi: "3.1.0",
  info: { title: "Catalog subscribe", version: "1.0.0" },
  paths: { "/echo": { get: { summary: "Echo the request", responses: { "200": { description: "The request, echoed" } } } } },
};

test("Subscribe on a plan of the public API page leads to the subscribe step with that plan, then says Subscribed", async ({
  page,
  user,
  request,
}) => {
  const slug = `sub-${crypto.randomBytes(4).toString("hex")}`;
  const plan = (slug: string, name: string, price: string) => ({
    slug,
    name,
    price,
    rateLimit: 60,
    rateLimitWindowSec: 60,
    maxRequestBytes: 65536,
    requiresApproval: false,
  });
  const created = await request.post("/api/v1/apis", {
    headers: { authorization: `Bearer ${adminToken()}` },
    data: {
      slug,
      name: `Subscribe ${slug}`,
      upstreamBaseUrl: "https://upstream.example.test/v1",
      status: "PUBLISHED",
      openapi: OPENAPI,
      plans: [plan("basic", "Basic", "0"), plan("pro", "Pro", "0.01")],
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  await page.goto(`/catalog/${slug}`);
  await expect(page.getByRole("link", { name: "Subscribe", exact: true })).toHaveAttribute(
    "href",
    `/${user.teamSlug}/catalog?subscribe=${slug}#subscribe-${slug}`,
  );
  // Scalar's samples carry the key header, although the document declares no security scheme.
  await expect(page.getByTestId("api-reference")).toContainText("Authorization: Bearer", { timeout: 20_000 });

  await page.getByRole("link", { name: "Subscribe to the Pro plan" }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.teamSlug}/catalog\\?subscribe=${slug}&plan=pro#subscribe-${slug}$`));
  const chosen = page.locator(`#subscribe-${slug}`);
  await expect(chosen).toHaveAttribute("data-chosen", "true");
  await expect(page.getByTestId("api-card").first()).toHaveAttribute("id", `subscribe-${slug}`);
  await expect(chosen.getByLabel("Plan")).toHaveValue("pro");
  await chosen.getByRole("button", { name: "Subscribe" }).click();
  await expect(chosen.getByRole("status")).toBeVisible();

  await page.goto(`/catalog/${slug}`);
  await expect(page.getByTestId("subscription-state")).toContainText("Subscribed");
  await expect(page.getByTestId("subscription-state")).toContainText("Pro plan");
  await expect(page.getByRole("link", { name: "Subscribe", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("plan-row").filter({ hasText: "Pro" }).getByTestId("plan-subscribed")).toHaveText("Subscribed");
  await expect(page.getByRole("link", { name: "Switch to this plan: Basic" })).toHaveText("Switch to this plan");
});
