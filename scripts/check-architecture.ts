// npm run lint, last step: the architecture rules that keep the layers apart.
//   1. Import boundaries (.dependency-cruiser.cjs): each violation names the rule and the import.
//   2. No cycle between the folders of lib/ (a folder may import itself freely).
//   3. Only lib/billing/ledger writes money: teams.balance, api_keys.spent, credit_ledger_entries.
// Exit code 1 with one line per problem, so CI shows exactly what to fix.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findFolderCycles, findMoneyWrites, type ImportEdge } from "./lib/architecture-rules";

const SOURCES = ["app", "lib", "components", "scripts", "test", "e2e", "bench", "proxy.ts", "instrumentation.ts"];

type CruiseResult = {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  modules: { source: string; dependencies: { resolved: string }[] }[];
};

const cruise = JSON.parse(
  execFileSync(
    process.execPath,
    [
      path.resolve("node_modules/dependency-cruiser/bin/dependency-cruiser.mjs"),
      ...SOURCES,
      "--config",
      ".dependency-cruiser.cjs",
      "--output-type",
      "json",
    ],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  ),
) as CruiseResult;

const problems: string[] = [];
for (const { rule, from, to } of cruise.summary.violations) problems.push(`import rule ${rule.name}: ${from} → ${to}`);

const edges: ImportEdge[] = cruise.modules.flatMap((module) =>
  module.dependencies.map((dependency) => ({ from: module.source, to: dependency.resolved })),
);
for (const cycle of findFolderCycles(edges)) problems.push(`import rule no-folder-cycle: ${cycle}`);

const sourceFiles = cruise.modules.map((module) => module.source).filter((file) => /\.(ts|tsx|mjs|js)$/.test(file) && fs.existsSync(file));
for (const write of findMoneyWrites(sourceFiles, (file) => fs.readFileSync(file, "utf8")))
  problems.push(`money rule money-writes-in-ledger: ${write}`);

if (problems.length) {
  for (const problem of problems) console.error(`✖ ${problem}`);
  console.error(
    `\n${problems.length} architecture problem(s). The rules and their reasons: .dependency-cruiser.cjs and docs/architecture.md.`,
  );
  process.exit(1);
}
console.log(`architecture: ${cruise.modules.length} modules, ${edges.length} imports, no violations`);
