// The management API's own OpenAPI document lints clean: Redocly's recommended rules and Spectral's
// spectral:oas report nothing, not even a warning. Any problem fails with its rule, place and message.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Spectral, type RulesetDefinition } from "@stoplight/spectral-core";
import { oas } from "@stoplight/spectral-rulesets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/management/openapi/build-openapi-document";
import { OPERATIONS } from "@/lib/management/operations";

const REDOCLY = path.resolve(__dirname, "../../node_modules/@redocly/cli/bin/cli.js");
const savedAppUrl = process.env.APP_URL;
let dir: string;
let file: string;

beforeAll(async () => {
  // The document names APP_URL as its server. Lint it as a deployment serves it: the test's
  // localhost is what `no-server-example.com` rightly refuses in a published document. env()
  // parses APP_URL once, on first use: set it before anything in this file reads it.
  process.env.APP_URL = "https://tollgate.acme.test";
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tollgate-openapi-lint-"));
  file = path.join(dir, "openapi.json");
  await fs.writeFile(file, JSON.stringify(buildOpenApiDocument(OPERATIONS), null, 2));
});

afterAll(async () => {
  process.env.APP_URL = savedAppUrl;
  await fs.rm(dir, { recursive: true, force: true });
});

type RedoclyReport = { problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };

/** `redocly lint` exits 1 when it finds errors; its JSON report is on stdout either way. */
function runRedocly(): Promise<RedoclyReport> {
  // Run from the temporary folder so no redocly.yaml of the checkout changes the rules.
  const options = { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } };
  const args = [REDOCLY, "lint", "--extends=recommended", "--format=json", "--max-problems=1000", file];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, options, (error, stdout, stderr) =>
      stdout ? resolve(JSON.parse(stdout)) : reject(error ?? new Error(stderr)),
    ),
  );
}

describe("the management API's OpenAPI document", () => {
  it("passes redocly lint with the recommended rules", async () => {
    const { problems } = await runRedocly();
    const listed = problems.map(
      (problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`,
    );
    expect(listed, listed.join("\n")).toEqual([]);
  });

  it("passes spectral lint with spectral:oas", async () => {
    const spectral = new Spectral();
    // The ruleset's inferred literal types are wider than RulesetDefinition; Spectral's docs cast it too.
    spectral.setRuleset({ extends: [[oas as RulesetDefinition, "recommended"]] });
    const results = await spectral.run(await fs.readFile(file, "utf8"));
    const severities = ["error", "warning", "info", "hint"];
    const listed = results.map((result) => `${severities[result.severity]} ${result.code} at ${result.path.join(".")}: ${result.message}`);
    expect(listed, listed.join("\n")).toEqual([]);
  });
});
