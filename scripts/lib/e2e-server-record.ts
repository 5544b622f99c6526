// What a running e2e server (scripts/e2e-server.ts) was started with, written next to the test
// results while it runs. Playwright may reuse a running server (reuseExistingServer) instead of
// starting its own: the specs then need that server's admin token, not the one this run generated.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** `databaseUrl` lets specs read what the app wrote for a person, e.g. a verification link in the email outbox. */
export type E2eServerRecord = { adminToken: string; databaseUrl: string };

// test-results/ at the repository root, whichever folder the server or the runner was started from.
const recordPath = (port: number) => fileURLToPath(new URL(`../../test-results/e2e-server-${port}.json`, import.meta.url));

export function writeE2eServerRecord(port: number, record: E2eServerRecord) {
  fs.mkdirSync(path.dirname(recordPath(port)), { recursive: true });
  fs.writeFileSync(recordPath(port), JSON.stringify(record) + "\n", { mode: 0o600 });
}

export function readE2eServerRecord(port: number): E2eServerRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(recordPath(port), "utf8"));
  } catch {
    return undefined;
  }
}

/** Only our own: a server that failed to start on a busy port must not erase the running one's. */
export function removeE2eServerRecord(port: number, record: E2eServerRecord) {
  if (readE2eServerRecord(port)?.adminToken === record.adminToken) fs.rmSync(recordPath(port), { force: true });
}
