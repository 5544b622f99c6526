// Liveness and database reachability for GET /api/health (load balancers, orchestrators, uptime checks).
// Answers carry no error details: a probe is unauthenticated, so it gets a short reason at most.
import packageJson from "@/package.json";
import { db, type PrismaClient } from "@/lib/db";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("health");

const DATABASE_TIMEOUT_MS = 2000;

type HealthReport =
  | { status: "ok"; database: "ok"; version: string; uptimeSeconds: number }
  | { status: "degraded"; database: "unreachable"; reason: "timeout" | "query failed" };

export async function checkHealth(client: Pick<PrismaClient, "$queryRaw"> = db, timeoutMs = DATABASE_TIMEOUT_MS): Promise<HealthReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  // Settles either way, so a query that fails after the timeout won first is not an unhandled rejection.
  const query = Promise.resolve()
    .then(() => client.$queryRaw`SELECT 1`)
    .then(
      () => "ok" as const,
      (error: unknown) => {
        // Logged for operators only; the message may name hosts, so it never reaches the response.
        log.error({ err: error }, "database check failed");
        return "failed" as const;
      },
    );
  const outcome = await Promise.race([query, timeout]);
  clearTimeout(timer);
  if (outcome === "ok") return { status: "ok", database: "ok", version: packageJson.version, uptimeSeconds: Math.floor(process.uptime()) };
  if (outcome === "timeout") log.error({ timeoutMs }, "database did not answer SELECT 1 in time");
  return { status: "degraded", database: "unreachable", reason: outcome === "timeout" ? "timeout" : "query failed" };
}
