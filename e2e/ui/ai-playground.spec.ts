// The AI API in the portal: a developer signs up, the platform admin grants credit, the developer
// subscribes the team to the Demo AI API and creates a key, reads the API's page (models with their
// prices per 1M tokens, plans, the pricing rule, quickstarts with this server's base URLs), chats in
// the playground (streamed answer, tokens, cost and the new balance, charged exactly by the rule), and
// finds the call on the usage page with its model and tokens.
import { test, expect, type Page } from "../fixtures";
import { signInAsPlatformAdmin } from "../fixtures/platform-admin";
import { confirmDialog } from "../fixtures/confirm-dialog";
import { saveScreenshot } from "../fixtures/screenshots";

// demo-chat's prices in micro-units per 1M tokens (lib/demo/ai-models.ts) and the Pro plan's fee per request.
const PRICES = { input: 100_000n, cached: 25_000n, output: 400_000n };
const PRO_FEE = 100n;
const GRANT = 5_000_000n;

/** The page's amounts: "$0.000106", "$4.999894" (micro-units, trailing zeros after the cents dropped). */
function dollars(micros: bigint): string {
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `$${micros / 1_000_000n}.${fraction}`;
}

function costOf(input: number, cached: number, output: number): bigint {
  const scaled = BigInt(input - cached) * PRICES.input + BigInt(cached) * PRICES.cached + BigInt(output) * PRICES.output;
  return (scaled + 999_999n) / 1_000_000n + PRO_FEE;
}

async function grantCredit(page: Page, teamSlug: string) {
  await page.goto("/admin/credit");
  await page.getByLabel("Find a team").fill(teamSlug);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByLabel("Team", { exact: true })).toHaveValue(teamSlug);
  await page.getByLabel(/^Amount/).fill("5.00");
  await page.getByLabel("Reason").fill("AI playground e2e credit");
  await page.getByRole("button", { name: "Apply credit" }).click();
  await confirmDialog(page, "Grant $5.00 to");
  await expect(page.getByRole("status")).toContainText("New balance: $5.00.");
}

test("a developer subscribes to the Demo AI API, chats in the playground and sees the call's tokens and cost on the usage page", async ({
  page,
  user,
  browser,
}) => {
  const admin = await signInAsPlatformAdmin(browser);
  await grantCredit(admin, user.teamSlug);
  await admin.context().close();

  // The public catalog lists an AI API's models with context, capabilities and prices per 1M tokens.
  await page.goto("/catalog");
  const card = page.getByTestId("api-card").filter({ has: page.getByRole("heading", { name: "Demo AI", exact: true }) });
  const cardModels = card.getByTestId("api-card-model");
  await expect(cardModels).toHaveText([
    "demo-chat32,768 context · Tools, JSON output$0.10 in · $0.025 cached · $0.40 out / 1M",
    "demo-embed8,192 context$0.02 input / 1M",
  ]);
  await expect(card.getByTestId("price-from")).toHaveText("From $0.02 / 1M input tokens");

  await page.goto(`/${user.teamSlug}/catalog`);
  const teamCard = page.getByTestId("api-card").filter({ has: page.getByRole("heading", { name: "Demo AI", exact: true }) });
  await teamCard.getByLabel("Plan").selectOption("pro");
  await teamCard.getByRole("button", { name: "Subscribe" }).click();
  await expect(teamCard.getByRole("status")).toHaveText("Subscribed to Demo AI on Pro.");

  await page.goto(`/${user.teamSlug}/keys`);
  await page.getByLabel("Key name").fill("Playground key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status")).toHaveText("Key “Playground key” created.");
  const secret = await page.getByTestId("revealed-value").inputValue();

  // The API's page: models, plans, the rule, quickstarts; no OpenAPI reference, no REST console.
  await page.goto("/catalog/demo-ai");
  const origin = new URL(page.url()).origin;
  await expect(page.getByRole("heading", { level: 1, name: "Demo AI" })).toBeVisible();
  await expect(page.getByTestId("model-row")).toHaveText([
    /Demo Chat\s*demo-chat\s*Chat\s*32,768\s*1,024\s*Tools\s*JSON output\s*\$0\.10\s*\$0\.025\s*\$0\.40/,
    /Demo Embeddings\s*demo-embed\s*Embeddings\s*8,192\s*–\s*–\s*\$0\.02\s*–\s*–/,
  ]);
  await expect(page.getByTestId("plan-price")).toHaveText([
    "Tokens at the model prices, no fee per request",
    "Tokens at the model prices + $0.0001 per request",
  ]);
  await expect(page.getByTestId("plan-card").nth(1)).toContainText("Tokens per minute per key200,000");
  await expect(page.getByTestId("pricing-rule")).toContainText(
    "price = (uncached input × input price + cached input × cached price + output × output price) / 1M + the plan's fee per request",
  );
  await expect(page.getByLabel("OpenAI base URL")).toHaveValue(`${origin}/api/ai/v1`);
  await expect(page.getByLabel("Anthropic base URL")).toHaveValue(`${origin}/api/ai`);
  const quickstart = page.getByTestId("quickstart-panel");
  await expect(quickstart).toContainText(`curl ${origin}/api/ai/v1/chat/completions`);
  await page.getByRole("tab", { name: "OpenAI SDK · Python" }).click();
  await expect(quickstart).toContainText(`OpenAI(base_url="${origin}/api/ai/v1", api_key=os.environ["TOLLGATE_KEY"])`);
  await page.getByRole("tab", { name: "Claude Code" }).click();
  await expect(quickstart).toContainText(`export ANTHROPIC_BASE_URL=${origin}/api/ai`);
  await expect(quickstart).toContainText("export ANTHROPIC_MODEL=demo-chat");
  await expect(quickstart.getByRole("button", { name: "Copy the Claude Code quickstart" })).toBeVisible();
  await expect(page.getByTestId("try-it-console")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Reference" })).toHaveCount(0);

  // The playground: a real call through the AI gateway with the team's key, streamed.
  const playground = page.getByTestId("playground");
  await playground.getByLabel("Team").selectOption(user.teamSlug);
  await expect(playground.getByLabel("Key")).toContainText(`Playground key (tg_live_…${secret.slice(-4)})`);
  await expect(playground.getByLabel("Model")).toHaveValue("demo-chat");
  await playground.getByLabel("System prompt").fill("You are a toll gate.");
  await playground.getByLabel("Message").fill("Hello from the playground");
  await playground.getByRole("button", { name: "Send" }).click();
  await expect(playground.getByTestId("playground-assistant")).toContainText("Echo: Hello from the playground");
  await expect(playground.getByTestId("playground-user")).toHaveText(/Hello from the playground/);

  const tokens = await playground.getByTestId("playground-tokens").innerText();
  const match = /Input (\d+) tokens \((\d+) cached\) · output (\d+) tokens/.exec(tokens);
  expect(match, tokens).not.toBeNull();
  const [input, cached, output] = match!.slice(1).map(Number) as [number, number, number];
  expect(input).toBeGreaterThan(0);
  expect(output).toBeGreaterThan(0);
  const cost = costOf(input, cached, output);
  await expect(playground.getByTestId("playground-charge")).toHaveText(`Charged ${dollars(cost)} · balance ${dollars(GRANT - cost)}`);
  // The page never held the key itself.
  expect(await page.content()).not.toContain(secret);
  await saveScreenshot(page, "ai-api-page");

  // The usage page: the call in the log with its model, tokens and provenance, and the model's totals.
  await expect(async () => {
    await page.goto(`/${user.teamSlug}/usage`);
    await expect(page.getByTestId("log-ai")).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const row = page.getByTestId("log-row").filter({ has: page.getByTestId("log-ai") });
  await expect(row.getByTestId("log-ai")).toHaveText(`demo-chatprovider${input} in (${cached} cached) · ${output} out`);
  await expect(row).toContainText(dollars(cost));
  await expect(row).toContainText("/chat/completions");
  await expect(page.getByTestId("usage-by-model-row")).toHaveText(
    new RegExp(`^demo-chat\\s*1\\s*${input}\\s*${cached}\\s*${output}\\s*\\${dollars(cost).replace(".", "\\.")}$`),
  );
  await saveScreenshot(page, "ai-usage");
});
