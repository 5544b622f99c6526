// End-to-end tests against a production build on a throwaway database (scripts/e2e-server.ts).
// Projects: `api` (HTTP only, no browser), `setup` (claims the first account, see e2e/setup) and
// `ui` (browser specs). Every test creates its own users, so files and tests run in parallel.
// Browsers cannot be downloaded here: Debian's chromium is used (`apt-get install -y chromium`).
import crypto from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// Auth.js builds its URLs with `localhost`; 127.0.0.1 would lose the session cookie on redirects.
const baseURL = `http://localhost:${port}`;
// scripts/e2e-server.ts runs a second instance of the app on the next port, on the same database
// (e2e/fixtures/instances.ts). This file is evaluated again in every worker process, and workers
// inherit the runner's environment: `??=` keeps one token and one URL for the whole run. A reused
// server keeps its own token, which the specs read from the server's record instead.
process.env.E2E_SECOND_URL ??= `http://localhost:${port + 1}`;
process.env.E2E_ADMIN_TOKEN ??= crypto.randomBytes(32).toString("base64url");
process.env.E2E_METRICS_TOKEN ??= crypto.randomBytes(32).toString("base64url");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // A timeout is there to catch a hang, not to time the app (npm run bench does that): the story
  // specs take 40 to 60 s when the two workers, their browsers and the server share 2 busy cores.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // Its own folder: Playwright empties outputDir at the start, and scripts/test.ts keeps the vitest
  // report in test-results/.
  outputDir: port === 3100 ? "test-results/e2e" : `test-results/e2e-${port}`,
  reporter: [["list"], ["html", { open: "never", outputFolder: port === 3100 ? "playwright-report" : `playwright-report-${port}` }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "api", testDir: "e2e/api" },
    { name: "setup", testDir: "e2e/setup", testMatch: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "ui", testDir: "e2e/ui", dependencies: ["setup"], use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: { E2E_PORT: String(port), E2E_ADMIN_TOKEN: process.env.E2E_ADMIN_TOKEN, METRICS_TOKEN: process.env.E2E_METRICS_TOKEN },
    reuseExistingServer: !process.env.CI,
    // A production build comes first (about 2 minutes on a quiet 2-core machine, over 4 when the
    // machine is busy): the server must not be given up on while it builds.
    timeout: 600_000,
    // SIGTERM lets the server stop the app, then the database, and delete the throwaway cluster.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
    stderr: "pipe",
  },
});
