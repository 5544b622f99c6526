// The architecture rules of scripts/check-architecture.ts that dependency-cruiser cannot express:
// each must fail on the kind of code it exists to stop, and stay quiet on the code we have.
import { describe, expect, it } from "vitest";
import { findFolderCycles, findMoneyWrites, libFolder } from "@/scripts/lib/architecture-rules";

describe("folder cycles in lib/", () => {
  it("names a folder loop with one import for each step", () => {
    const cycles = findFolderCycles([
      { from: "lib/gateway/admit-call.ts", to: "lib/billing/ledger/charge-call.ts" },
      { from: "lib/billing/alerts/check-low-balance.ts", to: "lib/notifications/notify-team-managers.ts" },
      { from: "lib/notifications/deliver-webhooks.ts", to: "lib/net/guarded-lookup.ts" },
      { from: "lib/net/guarded-lookup.ts", to: "lib/gateway/ttl-cache.ts" },
      { from: "lib/keys/key-format.ts", to: "lib/db.ts" },
    ]);
    expect(cycles).toEqual([
      "lib/billing → lib/notifications (lib/billing/alerts/check-low-balance.ts → lib/notifications/notify-team-managers.ts) → lib/net (lib/notifications/deliver-webhooks.ts → lib/net/guarded-lookup.ts) → lib/gateway (lib/net/guarded-lookup.ts → lib/gateway/ttl-cache.ts) → lib/billing (lib/gateway/admit-call.ts → lib/billing/ledger/charge-call.ts)",
    ]);
  });

  it("allows imports inside a folder, chains without a loop, and anything outside lib/", () => {
    const edges = [
      { from: "lib/billing/ledger/close-call.ts", to: "lib/billing/grant-credit.ts" },
      { from: "lib/billing/grant-credit.ts", to: "lib/billing/ledger/post-credit.ts" },
      { from: "lib/gateway/admit-call.ts", to: "lib/billing/ledger/charge-call.ts" },
      { from: "lib/billing/ledger/charge-call.ts", to: "lib/db.ts" },
      { from: "app/page.tsx", to: "lib/db.ts" },
      { from: "lib/db.ts", to: "node_modules/pg/lib/index.js" },
    ];
    expect(findFolderCycles(edges)).toEqual([]);
  });

  it("treats a file directly in lib/ as its own node", () => {
    expect(libFolder("lib/db.ts")).toBe("lib/db.ts");
    expect(libFolder("lib/billing/ledger/charge-call.ts")).toBe("lib/billing");
    expect(libFolder("app/page.tsx")).toBeNull();
  });
});

describe("money writes outside lib/billing/ledger", () => {
  const files: Record<string, string> = {
    "lib/billing/ledger/charge-call.ts": "UPDATE teams SET balance = balance - $2 WHERE id = $1",
    "lib/gateway/shortcut.ts": "const sql = `UPDATE teams SET balance = balance - ${price} WHERE id = ${id}`;",
    "lib/keys/reset.ts": 'await db.$executeRaw`UPDATE "api_keys" SET "spent" = 0 WHERE id = ${id}`;',
    "app/(admin)/admin/fix/actions.ts": "await tx.creditLedgerEntry.create({ data })",
    "lib/teams/create.ts": "await db.team.create({ data: { name, slug, balance: 5n } })",
    "lib/keys/rotate.ts": "await tx.apiKey.update({ where: { id }, data: { spent: previous.spent } })",
    "scripts/backfill.ts": 'await pool.query(`INSERT INTO "credit_ledger_entries" (id) VALUES ($1)`)',
    // Reads and other columns of the same tables are fine:
    "lib/billing/alerts/claim.ts": 'UPDATE teams SET "lowBalanceAlertedAt" = now() WHERE balance < "lowBalanceThreshold" AND balance >= 0',
    "lib/admin/overview.ts": "db.team.aggregate({ _sum: { balance: true } }); db.creditLedgerEntry.findMany({})",
    "test/factories.ts": "UPDATE teams SET balance = 10",
  };
  const found = findMoneyWrites(Object.keys(files), (file) => files[file]!);

  it("finds each kind of write, with its file and line", () => {
    expect(found).toEqual([
      "lib/gateway/shortcut.ts:1 an UPDATE that sets teams.balance",
      "lib/keys/reset.ts:1 an UPDATE that sets api_keys.spent",
      "app/(admin)/admin/fix/actions.ts:1 a Prisma write of the ledger",
      "lib/teams/create.ts:1 a Prisma write of a balance",
      "lib/keys/rotate.ts:1 a Prisma write of a key's spend",
      "scripts/backfill.ts:1 an insert into the ledger table",
    ]);
  });
});
