// The model registry from the admin console: the platform admin registers a provider pointing at
// the app's own demo AI upstream (a refused form first: per-field messages, typed values kept, the
// key never shown back), tests its connection (the demo's models listed), creates a model with a
// deployment on it, edits the deployment's weight and switches it off, and creates an AI API with an
// AI plan that cannot be published until the deployment is on again. /admin/apis names the API's
// kind, its catalog page lists the model with its prices per 1M tokens, and a team subscribed to the
// plan calls the model through /api/ai/v1 right away.
import crypto from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, adminToken } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { saveScreenshot } from "../fixtures/screenshots";

const admin = () => ({ authorization: `Bearer ${adminToken()}` });
const KEY = "sk-e2e-registry-secret-4242";

async function post(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.post(path, { headers: admin(), data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** A funded team subscribed to the API's free plan, with a key (as an operator's script would do it). */
async function subscribedKey(request: APIRequestContext, slug: string): Promise<string> {
  const team = await post(request, "/api/v1/teams", { name: `AI ${slug}` });
  await post(request, `/api/v1/teams/${team.slug}/credits`, { amount: "1.00", reason: "admin-ai e2e" });
  await post(request, `/api/v1/teams/${team.slug}/subscriptions`, { api: slug, plan: "free" });
  const created = await post(request, `/api/v1/teams/${team.slug}/keys`, { name: "ai key", scopes: { apis: "all", manage: false } });
  return created.key;
}

test("register a provider, test it, add a model with a deployment, publish it in an AI API, call it", async ({
  browser,
  request,
  baseURL,
}) => {
  const suffix = crypto.randomBytes(4).toString("hex");
  const providerName = `Demo ${suffix}`;
  const model = `e2e-chat-${suffix}`;
  const slug = `ai-${suffix}`;
  const page = await signInAsPlatformAdmin(browser);

  await page.goto("/admin");
  await page.getByRole("link", { name: "AI models" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "AI models" })).toBeVisible();
  await page.getByRole("link", { name: "New provider" }).click();

  // A refused form: the message is on its field, the typed values stay, the key is not sent back.
  await page.getByLabel("Name", { exact: true }).fill(providerName);
  await page.getByLabel("Slug").fill(`demo-${suffix}`);
  await page.getByLabel("Base URL").fill(`${baseURL}/api/demo/ai/v1`);
  await page.getByLabel("API key").fill(KEY);
  await page.getByLabel("Answer timeout (ms)").fill("10");
  await page.getByRole("button", { name: "Create provider" }).click();
  await expect(page.getByText("Use at least 1000 ms.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(providerName);
  await expect(page.getByLabel("Base URL")).toHaveValue(`${baseURL}/api/demo/ai/v1`);
  await expect(page.getByLabel("API key")).toHaveValue("");

  await page.getByLabel("API key").fill(KEY);
  await page.getByLabel("Answer timeout (ms)").fill("30000");
  await page.getByRole("button", { name: "Create provider" }).click();
  await expect(page).toHaveURL(/\/admin\/ai\/providers\/[^/?]+\?created=1$/);
  await expect(page.getByLabel("Replace the API key")).toHaveValue("");
  await expect(page.getByText(/Currently set\./).first()).toBeVisible();
  expect(await page.content()).not.toContain(KEY);

  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("connection-test-result");
  await expect(result).toContainText("Connected: the provider lists 2 models.");
  await expect(result.getByRole("list", { name: "Models the provider lists" })).toContainText("demo-chat");
  expect(await page.content()).not.toContain(KEY);
  await saveScreenshot(page, "admin-ai-provider");

  // A chat model with prices per 1M tokens and its first deployment on that provider.
  await page.goto("/admin/ai/models/new");
  await page.getByLabel("Public id").fill(model);
  await page.getByLabel("Display name").fill("E2E chat");
  await page.getByLabel("Context window (tokens)").fill("32768");
  await page.getByLabel("Max output tokens").fill("1024");
  await page.getByLabel("Tools (function calling)").check();
  await page.getByLabel(/^Input \(/).fill("0.10");
  await page.getByLabel(/^Cached input \(/).fill("0.025");
  await page.getByLabel(/^Output \(/).fill("0.40");
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: `${providerName} (demo-${suffix})` });
  await page.getByLabel("Provider model").fill("demo-chat");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/ai/models/${model}\\?created=1$`));
  await expect(page.getByTestId("deployment-row")).toContainText(providerName);
  await expect(page.getByTestId("deployment-row")).toContainText("demo-chat");
  await expect(page.getByLabel(/^Output \(/)).toHaveValue("0.4");

  // The deployment's weight changes, then it is switched off: it stays listed, marked disabled.
  const deployment = page.getByTestId("deployment-row");
  await expect(deployment.getByLabel("Weight")).toHaveValue("1");
  await deployment.getByLabel("Weight").fill("5");
  await deployment.getByRole("button", { name: "Save" }).click();
  await expect(deployment.getByRole("status")).toHaveText("Saved: the next call routes by it.");
  await page.reload();
  await expect(page.getByTestId("deployment-row").getByLabel("Weight")).toHaveValue("5");
  await page.getByTestId("deployment-row").getByLabel("Enabled").uncheck();
  await page.getByTestId("deployment-row").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("deployment-row").getByRole("status")).toContainText("No deployment of this model is enabled now");
  await expect(page.getByTestId("deployment-row")).toContainText("disabled");
  await expect(page.getByTestId("no-enabled-deployment")).toBeVisible();
  await saveScreenshot(page, "admin-ai-model");

  // An AI API publishing it: no upstream or OpenAPI fields, a models picker, an AI plan.
  await page.goto("/admin/apis/new");
  await page.getByLabel("Kind").selectOption("AI");
  await expect(page.getByLabel("Upstream base URL")).toHaveCount(0);
  await page.getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByLabel("Name", { exact: true }).fill(`AI ${suffix}`);
  await page
    .getByTestId("models-picker")
    .getByRole("checkbox", { name: new RegExp(model) })
    .check();
  const plan = page.getByTestId("plan-row").first();
  await plan.getByLabel("Plan slug").fill("free");
  await plan.getByLabel("Plan name").fill("Free");
  await plan.getByLabel(/^Fee per request/).fill("0");
  await plan.getByLabel("Tokens per minute").fill("20000");
  await plan.getByLabel("Max output tokens").fill("256");
  await plan.getByRole("checkbox", { name: model }).check();
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/apis/${slug}\\?created=1$`));
  await expect(page.getByTestId("models-picker").getByRole("checkbox", { name: new RegExp(model) })).toBeChecked();
  await expect(page.getByTestId("plan-row").first().getByLabel("Tokens per minute")).toHaveValue("20000");
  // Nothing to call yet: the only deployment is off, so publishing is refused with the reason.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Publish at least one model with an enabled deployment first" })).toBeVisible();

  await page.goto(`/admin/ai/models/${model}`);
  await page.getByTestId("deployment-row").getByLabel("Enabled").check();
  await page.getByTestId("deployment-row").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("deployment-row").getByRole("status")).toHaveText("Saved: the next call routes by it.");
  await expect(page.getByTestId("no-enabled-deployment")).toHaveCount(0);
  await page.goto(`/admin/apis/${slug}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published" })).toBeVisible();
  await saveScreenshot(page, "admin-api-ai");

  // The APIs list names the kind; the API's page lists the model with its limits and prices per 1M tokens.
  await page.goto("/admin/apis");
  const row = page.getByTestId("admin-api-row").filter({ hasText: `/${slug}` });
  await expect(row.getByTestId("admin-api-kind")).toHaveText("AI");
  await page.goto(`/catalog/${slug}`);
  const listed = page.getByTestId("model-row").filter({ hasText: model });
  await expect(listed).toContainText("E2E chat");
  await expect(listed.getByRole("cell")).toHaveText(["Chat", "32,768", "1,024", "Tools", "$0.10", "$0.025", "$0.40"]);

  // The model is callable at once by a team subscribed to the plan.
  const key = await subscribedKey(request, slug);
  const answer = await request.post("/api/ai/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model, messages: [{ role: "user", content: "Hello from the registry" }] },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  const body = await answer.json();
  expect(body.model).toBe(model);
  expect(body.choices[0].message.content).toContain("Hello from the registry");
  expect(Number(answer.headers()["x-credit-charged"])).toBeGreaterThan(0);
});
