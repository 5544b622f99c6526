// npm run db:new-migration -- <name>
// Authors the next migration offline. With a driver adapter, Prisma cannot diff against a live
// database, so prisma/migrations/schema.snapshot.prisma records the datamodel the migrations
// produce; the new migration is the diff from that snapshot to prisma/schema.prisma.
// test/schema-drift.test.ts proves on a real PostgreSQL that migrations and schema agree.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { binPath } from "./lib/processes";
import { withScratchCluster } from "./lib/scratch-database";

const SNAPSHOT = path.join("prisma", "migrations", "schema.snapshot.prisma");
const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}

const from = fs.existsSync(SNAPSHOT) ? ["--from-schema-datamodel", SNAPSHOT] : ["--from-empty"];
// Prisma connects even to diff two datamodels, so a scratch cluster serves the command.
const sql = await withScratchCluster(async (adminUrl) =>
  execFileSync(
    process.execPath,
    [binPath("prisma"), "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DATABASE_URL: adminUrl } },
  ),
);

if (/^-- This is an empty migration/m.test(sql) || !sql.trim()) {
  console.log("schema.prisma and the migrations already agree: no migration written");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.copyFileSync(path.join("prisma", "schema.prisma"), SNAPSHOT);
  console.log(`wrote ${dir}/migration.sql and updated ${SNAPSHOT}`);
}
