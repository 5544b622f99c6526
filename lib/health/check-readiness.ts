// Readiness for GET /api/ready: may a load balancer send this instance traffic? Not while it drains
// after SIGTERM, not while the database does not answer (a bounded wait: checkHealth), and not while
// migrations its code expects are pending. /api/health stays the liveness probe (is the process up).
import { db, type PrismaClient } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { isDraining } from "@/lib/health/draining";
import { MIGRATIONS_DIR, pendingMigrations } from "@/lib/health/pending-migrations";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("health");

export type ReadinessChecks = {
  draining: boolean;
  database: "ok" | "unreachable" | "not checked";
  migrations: "ok" | "pending" | "unknown" | "not checked";
};

export type Readiness =
  | { ready: true; checks: ReadinessChecks }
  | {
      ready: false;
      checks: ReadinessChecks;
      reason: "draining" | "database_unreachable" | "migrations_pending" | "migrations_unknown";
      detail: string;
    };

export type ReadinessOptions = { client?: Pick<PrismaClient, "$queryRaw">; migrationsDir?: string; timeoutMs?: number };

// Once every migration was applied the answer cannot turn (the code does not change under a running
// process), so the check stops asking. Per client: tests point readiness at other databases.
const migrated = new WeakSet<object>();

export async function checkReadiness(options: ReadinessOptions = {}): Promise<Readiness> {
  const client = options.client ?? db;
  const checks: ReadinessChecks = { draining: isDraining(), database: "not checked", migrations: "not checked" };
  if (checks.draining) {
    return { ready: false, checks, reason: "draining", detail: "This instance is shutting down; send traffic to another one." };
  }
  const health = await checkHealth(client, options.timeoutMs);
  checks.database = health.status === "ok" ? "ok" : "unreachable";
  if (health.status !== "ok") {
    const detail = `The database did not answer (${health.reason}).`;
    return { ready: false, checks, reason: "database_unreachable", detail };
  }
  if (migrated.has(client)) return { ready: true, checks: { ...checks, migrations: "ok" } };
  let pending: string[];
  try {
    pending = await pendingMigrations(client, options.migrationsDir ?? MIGRATIONS_DIR);
  } catch (error) {
    // The folder ships with the app (the image must contain prisma/migrations); without it, or without
    // the migrations table, nothing says the schema fits the code.
    log.error({ err: error }, "readiness cannot compare the applied migrations with prisma/migrations");
    checks.migrations = "unknown";
    return { ready: false, checks, reason: "migrations_unknown", detail: "The applied migrations could not be compared with the app's." };
  }
  if (pending.length > 0) {
    checks.migrations = "pending";
    const detail = `${pending.length} migration(s) not applied yet (${pending.join(", ")}): run \`npm run db:migrate\`.`;
    return { ready: false, checks, reason: "migrations_pending", detail };
  }
  migrated.add(client);
  return { ready: true, checks: { ...checks, migrations: "ok" } };
}
