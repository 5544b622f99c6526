// Prisma CLI configuration. Prisma 6.19 runs here fully offline: the JS schema engine talks to
// PostgreSQL through @prisma/adapter-pg, so no native engine is ever downloaded or executed.
import path from "node:path";
import { createRequire } from "node:module";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The CLI still checks that engine files exist at start-up; any existing file satisfies it and is
// never executed with engine "js".
const anyExistingFile = createRequire(import.meta.url).resolve("prisma/package.json");
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= anyExistingFile;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= anyExistingFile;

// adapter-pg cannot map PostgreSQL catalog types `name` (19), `"char"` (18) and `name[]` (1003),
// which `migrate deploy` / `status` read from pg_catalog. Present them as text / text[].
const require = createRequire(import.meta.url);
const Result = require("pg/lib/result.js");
const CATALOG_TYPES_AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1003: 1009 };
if (!Result.prototype.__tollgateCatalogPatch) {
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields: { dataTypeID: number }[]) {
    for (const field of fields) field.dataTypeID = CATALOG_TYPES_AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
    return addFields.call(this, fields);
  };
  Result.prototype.__tollgateCatalogPatch = true;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // Even `migrate diff` between two datamodels connects; the npm scripts provide a database.
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: use the npm scripts, which start the embedded database");
    return new PrismaPg({ connectionString });
  },
});
