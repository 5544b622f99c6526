// Each running instance records that it is alive every HEARTBEAT_MS in app_instances. Work an
// instance holds (open calls, later credit leases) is taken over by others only once it has stopped
// (a graceful shutdown says so) or has been silent for STALE_AFTER_MS: a long stream on a live
// instance is never mistaken for a lost call.
import os from "node:os";
import { pgPool } from "@/lib/db";
import { instanceId } from "@/lib/instances/instance-id";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("instances");

export const HEARTBEAT_MS = 10_000;
/** Three missed heartbeats: the instance is gone. */
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

const BEAT = `
INSERT INTO app_instances (id, host, pid, "startedAt", "seenAt") VALUES ($1, $2, $3, now(), now())
ON CONFLICT (id) DO UPDATE SET "seenAt" = now(), "stoppedAt" = NULL`;

const holder = globalThis as typeof globalThis & { __tollgateHeartbeat?: NodeJS.Timeout };

async function beat(): Promise<void> {
  await pgPool().query(BEAT, [instanceId(), os.hostname(), process.pid]);
}

/** Starts the heartbeat once per process; resolves after the first beat (or its failure, logged). */
export async function startHeartbeat(): Promise<void> {
  if (holder.__tollgateHeartbeat || !process.env.DATABASE_URL) return;
  const failed = (error: Error) => log.warn({ err: error }, "heartbeat failed; retrying");
  holder.__tollgateHeartbeat = setInterval(() => void beat().catch(failed), HEARTBEAT_MS);
  holder.__tollgateHeartbeat.unref();
  await beat().catch(failed);
}

/** Graceful shutdown, after the last usage batch: others may reconcile what is left at once. */
export async function stopHeartbeat(): Promise<void> {
  if (holder.__tollgateHeartbeat) clearInterval(holder.__tollgateHeartbeat);
  holder.__tollgateHeartbeat = undefined;
  await pgPool().query(`UPDATE app_instances SET "stoppedAt" = now() WHERE id = $1`, [instanceId()]);
}
