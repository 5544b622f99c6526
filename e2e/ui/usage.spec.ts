// Usage analytics in the browser: a team makes metered calls to the Demo API, then sees them on
// the usage page (tiles, charts, breakdowns, log), filters the log, downloads the CSV of the
// filtered log, and sees calls per key on the Keys page. Non-members get 404 for the page and CSV.
import fs from "node:fs";
import { test, expect, adminToken, type Page } from "../fixtures";
import { saveScreenshot } from "../fixtures/screenshots";

const admin = () => ({ authorization: `Bearer ${adminToken()}` });

async function provisionDemoKey(page: Page, teamSlug: string): Promise<string> {
  const post = async (path: string, data: unknown) => {
    const response = await page.request.post(path, { headers: admin(), data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return response.json();
  };
  await post(`/api/v1/teams/${teamSlug}/credits`, { amount: "1.00", reason: "usage e2e" });
  await post(`/api/v1/teams/${teamSlug}/subscriptions`, { api: "demo", plan: "pro" });
  return (await post(`/api/v1/teams/${teamSlug}/keys`, { name: "Analytics key", scopes: { apis: "all", manage: false } })).key;
}

function csvRows(text: string): string[][] {
  // The log's cells here hold no commas or quotes, so a plain split reads them.
  return text
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));
}

test("metered calls show up on the usage page, the filtered log downloads as CSV, and keys show their usage", async ({
  page,
  user,
  newUser,
  request,
}) => {
  const key = await provisionDemoKey(page, user.teamSlug);
  const call = (path: string, method = "GET") =>
    page.request.fetch(`/api/gateway/demo${path}`, {
      method,
      headers: { authorization: `Bearer ${key}` },
      data: method === "POST" ? "{}" : undefined,
    });
  const statuses: number[] = [];
  for (const [path, method] of [["/echo?n=1"], ["/echo?n=2"], ["/echo?n=3"], ["/echo", "POST"], ["/status/404"], ["/status/503"]] as [
    string,
    string?,
  ][]) {
    statuses.push((await call(path, method)).status());
  }
  expect(statuses).toEqual([200, 200, 200, 200, 404, 503]);

  // Usage is written in batches every 250 ms: reload until the six calls are there.
  await expect(async () => {
    await page.goto(`/${user.teamSlug}/usage`);
    await expect(page.getByTestId("tile-requests")).toContainText("6", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expect(page.getByTestId("range-label")).toHaveText("Totals, last 24 hours");
  // Five calls charged 0.002; the 503 was refunded. Two of six answered with an error status.
  await expect(page.getByTestId("tile-spend")).toContainText("$0.01");
  await expect(page.getByTestId("tile-error-rate")).toContainText("33%");
  await expect(page.getByTestId("tile-p50")).toContainText("ms");
  await expect(page.getByRole("img", { name: /Calls and errors over time/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Latency p50 and p95 over time/ })).toBeVisible();
  await expect(page.getByTestId("usage-by-api-row")).toHaveCount(1);
  await expect(page.getByTestId("usage-by-api-row")).toContainText("Demo API");
  await expect(page.getByTestId("usage-by-key-row")).toContainText("Analytics key");
  await expect(page.getByTestId("log-row")).toHaveCount(6);
  await saveScreenshot(page, "usage");

  // The data table behind a chart.
  await page.getByText("Data table: calls and errors over time").click();
  await expect(page.getByTestId("chart-calls").getByRole("table")).toBeVisible();

  // Filter the log to errors, then to POST calls.
  await page.getByLabel("Status").selectOption("errors");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=errors/);
  await expect(page.getByTestId("log-row")).toHaveCount(2);
  await expect(page.getByTestId("log-row").filter({ hasText: "503" })).toContainText("/status/503");

  // The CSV carries the same filters: two rows, with the columns the page promises.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("download-csv").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`usage-${user.teamSlug}-24h.csv`);
  const rows = csvRows(fs.readFileSync((await download.path())!, "utf8"));
  expect(rows[0]).toEqual([
    "time",
    "api",
    "key",
    "method",
    "path",
    "status",
    "latency_ms",
    "charge",
    "request_id",
    "error_code",
    "model",
    "input_tokens",
    "cached_input_tokens",
    "output_tokens",
    "usage_source",
    "mcp_tool",
  ]);
  expect(
    rows
      .slice(1)
      .map((row) => [row[1], row[3], row[4], row[5], row[7]])
      .sort(),
  ).toEqual([
    ["demo", "GET", "/status/404", "404", "0.002000"],
    ["demo", "GET", "/status/503", "503", "0.000000"],
  ]);

  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Method").fill("post");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await expect(page.getByTestId("log-row")).toContainText("POST");

  // Other ranges keep the filters; a bad custom range says what is wrong.
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page.getByTestId("range-label")).toHaveText("Totals, last 7 days");
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await page.getByLabel("From (UTC)").fill("2026-03-02");
  await page.getByLabel("To (UTC, included)").fill("2026-03-01");
  await page.getByRole("button", { name: "Show range" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("The end date must be on or after the start date.");

  // Keys page: last used and calls per key over 30 days.
  await page.goto(`/${user.teamSlug}/keys`);
  const row = page.getByTestId("key-row").filter({ hasText: "Analytics key" });
  await expect(row.getByTestId("key-usage")).toHaveText("6 calls · $0.01");

  // Someone else: 404 for the page and for the CSV.
  const outsider = await newUser();
  expect((await outsider.page.request.get(`/${user.teamSlug}/usage/export?range=24h`)).status()).toBe(404);
  await outsider.page.goto(`/${user.teamSlug}/usage`);
  await expect(outsider.page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Signed out (the `request` fixture carries no session): no CSV.
  expect((await request.get(`/${user.teamSlug}/usage/export`)).status()).toBe(401);
});

test("a team without calls sees the empty state", async ({ page, user }) => {
  await page.goto(`/${user.teamSlug}/usage`);
  await expect(page.getByText("No calls yet")).toBeVisible();
});
