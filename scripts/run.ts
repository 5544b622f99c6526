// npm start / npm run dev / npm run db:migrate / npm run db:seed.
// With no DATABASE_URL, runs the embedded PostgreSQL under .data/postgres; then applies migrations,
// seeds a fresh install, and serves the app. Ctrl-C or SIGTERM stops the app, then the database.
// What runs is decided by scripts/lib/start-plan.ts (the container image: no embedded database, no
// .data/ writes, no build).
import { spawn } from "node:child_process";
import path from "node:path";
import { startEmbeddedPostgres, createDatabaseIfMissing, type RunningPostgres } from "./lib/embedded-postgres";
import { loadOrCreateSecrets, applySecretsToEnv } from "./lib/secrets";
import { binPath, serverCommand, migrateDeploy, run, supervise } from "./lib/processes";
import { buildIsStale } from "./lib/build-freshness";
import { startPlan } from "./lib/start-plan";

const mode = process.argv[2] as "start" | "dev" | "migrate" | "seed";
const root = process.cwd();
const dataDir = path.join(root, ".data");

async function main() {
  if (!["start", "dev", "migrate", "seed"].includes(mode)) throw new Error(`unknown mode ${mode}`);
  const plan = startPlan(mode, process.env);
  const secrets = plan.secretsFile ? loadOrCreateSecrets(dataDir) : undefined;
  if (secrets) applySecretsToEnv(secrets);
  process.env.PORT ||= "3000";
  process.env.APP_URL ||= `http://localhost:${process.env.PORT}`;

  let embedded: RunningPostgres | undefined;
  if (plan.embeddedDatabase && secrets) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), password: secrets.EMBEDDED_DB_PASSWORD });
    await createDatabaseIfMissing(embedded.url("postgres"), "tollgate");
    process.env.DATABASE_URL = embedded.url("tollgate");
    console.log(`[tollgate] embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in .data/postgres)`);
  }
  let stopping = false;
  const stopDatabase = async () => {
    if (stopping || !embedded) return;
    stopping = true;
    await embedded.stop();
    console.log("[tollgate] embedded PostgreSQL stopped");
  };

  try {
    await migrateDeploy(process.env.DATABASE_URL!);
    if (mode !== "migrate") await run(process.execPath, [require_tsx(), "prisma/seed.ts"]);
    if (mode === "migrate" || mode === "seed") return;

    if (plan.buildWhenStale && buildIsStale(root)) {
      console.log("[tollgate] building (sources changed since the last build)…");
      await run(process.execPath, [binPath("next"), "build"]);
    }
    // Production: scripts/serve.ts (the gateway on node:http, Next.js for the rest); dev: `next dev`,
    // where the gateway answers through its route handler with hot reload.
    const args = mode === "dev" ? [binPath("next"), "dev", "-p", process.env.PORT!] : serverCommand();
    const env: NodeJS.ProcessEnv = mode === "dev" ? process.env : { ...process.env, NODE_ENV: "production" };
    const child = spawn(process.execPath, args, { stdio: "inherit", env });
    const code = await supervise(child);
    process.exitCode = code;
  } finally {
    await stopDatabase();
  }
}

function require_tsx(): string {
  return path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
}

main().catch((error) => {
  console.error(`[tollgate] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
