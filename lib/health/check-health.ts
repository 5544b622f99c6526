// Liveness and database reachability for GET /api/health (load balancers, orchestrators, uptime checks).
// Answers carry no error details: a probe is unauthenticated, so it gets a short reason at most.
import packageJson from "@/package.json";
import { db, type PrismaClient } from "@/lib/db";

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
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[health] database check failed: ${message.replace(/\s+/g, " ").trim()}`);
        return "failed" as const;
      },
    );
  const outcome = await Promise.race([query, timeout]);
  clearTimeout(timer);
  if (outcome === "ok") return { status: "ok", database: "ok", version: packageJson.version, uptimeSeconds: Math.floor(process.uptime()) };
  if (outcome === "timeout") console.error(`[health] database did not answer SELECT 1 within ${timeoutMs} ms`);
  return { status: "degraded", database: "unreachable", reason: outcome === "timeout" ? "timeout" : "query failed" };
}
