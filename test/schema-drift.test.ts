// Proves that prisma/migrations reproduce prisma/schema.prisma on a real PostgreSQL. With the JS
// schema engine, Prisma cannot check this itself (`migrate diff --from-migrations` needs a shadow
// database and crashes), so we build one database from the migrations and one straight from the
// schema, and compare their catalogs.
import crypto from "node:crypto";
import { createDatabaseIfMissing } from "@/scripts/lib/embedded-postgres";
import { afterAll, expect, inject, it } from "vitest";
import { databaseUrl, dropDatabases, migrateDeployQuietly, runPrisma, withClient } from "./support/database";

const { adminUrl, runId } = inject("testDatabase");
const prefix = `tollgate_test_${runId}_drift_${crypto.randomBytes(3).toString("hex")}`;

afterAll(() => dropDatabases(adminUrl, prefix));

// Column order is ignored (a column added by a later migration lands last), and so is enum label
// order (ALTER TYPE ... ADD VALUE appends); everything else must match exactly.
const CATALOG_QUERIES = {
  columns: `
    SELECT table_name || '.' || column_name AS key,
           concat_ws(' ', udt_name, 'null=' || is_nullable, 'default=' || column_default,
                     'len=' || character_maximum_length, 'precision=' || datetime_precision) AS value
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  indexes: `
    SELECT indexname AS key, indexdef AS value
    FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  constraints: `
    SELECT conrelid::regclass || '.' || conname AS key, pg_get_constraintdef(oid) AS value
    FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`,
  enums: `
    SELECT t.typname AS key, string_agg(e.enumlabel, ',' ORDER BY e.enumlabel) AS value
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = 'public'::regnamespace
    GROUP BY t.typname`,
  tables: `
    SELECT c.relname AS key, c.relkind::text AS value
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S', 'p') AND c.relname NOT LIKE '\\_prisma\\_migrations%'`,
};

type Snapshot = Record<string, Map<string, string>>;

async function snapshot(url: string): Promise<Snapshot> {
  return withClient(url, async (client) => {
    const result: Snapshot = {};
    for (const [kind, sql] of Object.entries(CATALOG_QUERIES)) {
      const { rows } = await client.query<{ key: string; value: string }>(sql);
      result[kind] = new Map(rows.map((row) => [row.key, row.value]));
    }
    return result;
  });
}

// CHECK constraints are beyond schema.prisma's language: these are written by hand in their
// migration (credit leases' arithmetic, lib/billing/ledger/leases) and must exist there, no others.
const CHECKS_ONLY_IN_MIGRATIONS = [
  "credit_leases.credit_leases_accounted",
  "credit_leases.credit_leases_remaining_nonnegative",
  "teams.teams_leased_nonnegative",
];

/** One line per difference, readable in the failure output. */
function differences(fromMigrations: Snapshot, fromSchema: Snapshot): string[] {
  const lines: string[] = [];
  for (const kind of Object.keys(CATALOG_QUERIES)) {
    const a = fromMigrations[kind]!;
    const b = fromSchema[kind]!;
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if (!b.has(key)) {
        const handWritten = kind === "constraints" && CHECKS_ONLY_IN_MIGRATIONS.includes(key) && a.get(key)!.startsWith("CHECK");
        if (!handWritten) lines.push(`${kind} ${key}: only from migrations (${a.get(key)})`);
      } else if (!a.has(key)) lines.push(`${kind} ${key}: missing from migrations (schema.prisma has ${b.get(key)})`);
      else if (a.get(key) !== b.get(key))
        lines.push(`${kind} ${key}: migrations give "${a.get(key)}", schema.prisma gives "${b.get(key)}"`);
    }
  }
  return lines.sort();
}

it("prisma/migrations produce exactly the database that prisma/schema.prisma describes", async () => {
  const migrated = `${prefix}_migrations`;
  const direct = `${prefix}_schema`;
  await Promise.all([createDatabaseIfMissing(adminUrl, migrated), createDatabaseIfMissing(adminUrl, direct)]);

  const [, schemaSql] = await Promise.all([
    migrateDeployQuietly(databaseUrl(adminUrl, migrated)),
    // An offline diff, but the CLI connects anyway: any reachable database will do.
    runPrisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], adminUrl),
  ]);
  await withClient(databaseUrl(adminUrl, direct), (client) => client.query(schemaSql));

  const [fromMigrations, fromSchema] = await Promise.all([
    snapshot(databaseUrl(adminUrl, migrated)),
    snapshot(databaseUrl(adminUrl, direct)),
  ]);
  // guard against comparing two empty catalogs
  expect(fromSchema.tables!.size).toBeGreaterThan(10);
  for (const check of CHECKS_ONLY_IN_MIGRATIONS) expect(fromMigrations.constraints!.get(check)).toMatch(/^CHECK /);
  expect(
    differences(fromMigrations, fromSchema),
    "prisma/migrations disagree with prisma/schema.prisma: run `npm run db:new-migration -- <name>`",
  ).toEqual([]);
}, 120_000);
