// npm test: the static checks (ESLint, Prettier, the architecture rules), then every test: Vitest
// (unit + integration against a real PostgreSQL) and Playwright (HTTP and browser specs against the
// built app). Both suites run even if the first fails; the closing line counts them all and the exit
// code is non-zero when anything failed.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";

// The CLIs by path: their package exports do not expose the bin files.
const bin = (file: string) => path.resolve("node_modules", file);
const resultsDir = path.resolve("test-results");
fs.mkdirSync(resultsDir, { recursive: true });

function runSuite(label: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n━━ ${label} ━━`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// The parts of the two JSON reports read below (Vitest's is Jest-compatible).
type Report = {
  testResults?: { name: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
  suites?: PlaywrightSuite[];
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
};

type PlaywrightSuite = {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
};

function readJson(file: string): Report | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

const vitestJson = path.join(resultsDir, "vitest.json");
const playwrightJson = path.join(resultsDir, "playwright.json");
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });

// The checks first: lint, formatting and the architecture rules take seconds, and a violation fails
// the run before the suites spend minutes on code that cannot land anyway.
const CHECKS: [string, string[]][] = [
  ["lint (eslint)", [bin("eslint/bin/eslint.js"), "."]],
  ["formatting (prettier)", [bin("prettier/bin/prettier.cjs"), "--check", "."]],
  ["architecture (import boundaries, folder cycles, money writes)", [bin("tsx/dist/cli.mjs"), "scripts/check-architecture.ts"]],
];
for (const [label, args] of CHECKS) {
  if ((await runSuite(label, args)) !== 0) {
    console.log(`\n${label} failed: fix the problems listed above (npm run lint shows them again; npm run format fixes formatting).`);
    console.log("tests: 0 passed, 1 failed");
    process.exit(1);
  }
}

const vitestCode = await runSuite("unit and integration (vitest)", [
  bin("vitest/vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
const playwrightCode = await runSuite("end to end (playwright)", [bin("@playwright/test/cli.js"), "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
});

const vitest = readJson(vitestJson);
const playwright = readJson(playwrightJson);
// Playwright's "flaky" tests failed once and passed on the CI retry: counted as passed, shown apart.
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
let failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
// A suite that crashed before reporting counts as one failure, so it can never look green.
if (vitestCode !== 0 && !vitest?.numFailedTests) failed += 1;
if (playwrightCode !== 0 && !playwright?.stats?.unexpected) failed += 1;

// The failures again, last: a CI log is often read from its tail, and Playwright's minutes of
// output would otherwise bury Vitest's list of what failed.
const failures = [...vitestFailures(vitest), ...playwrightFailures(playwright?.suites ?? [])];
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((line) => `  ✗ ${line}`).join("\n")}`);

console.log(
  `\nvitest: ${vitest?.numPassedTests ?? 0} passed, ${vitest?.numFailedTests ?? 0} failed; playwright: ${playwright?.stats?.expected ?? 0} passed, ${playwright?.stats?.unexpected ?? 0} failed, ${playwright?.stats?.flaky ?? 0} flaky`,
);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(vitestCode !== 0 || playwrightCode !== 0 ? 1 : 0);

/** Each failed Vitest test (or file that failed to load) with the first line of its error. */
function vitestFailures(report: Report | undefined): string[] {
  const lines: string[] = [];
  for (const file of report?.testResults ?? []) {
    const name = path.relative(process.cwd(), file.name);
    const failed = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of failed) lines.push(`${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (failed.length === 0 && file.message) lines.push(`${name}: ${firstLine(file.message)}`);
  }
  return lines;
}

/** Each Playwright test that failed on every attempt, with the first line of its last error. */
function playwrightFailures(suites: PlaywrightSuite[]): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((test) => test.status === "unexpected")
        .map((test) => `${suite.file ?? suite.title}:${spec.line} › ${spec.title}: ${firstLine(test.results.at(-1)?.error?.message)}`),
    ),
    ...playwrightFailures(suite.suites ?? []),
  ]);
}

function firstLine(message: string | undefined): string {
  const plain = stripVTControlCharacters(message ?? "no message"); // the reporters' terminal colours
  return (
    plain
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim()
      .slice(0, 300) ?? "no message"
  );
}
