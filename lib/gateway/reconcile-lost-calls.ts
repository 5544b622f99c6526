// Calls whose process died between the charge and the usage batch that records them. The charge
// statement left an open_calls row; the instance that took the call has stopped or gone silent
// (lib/instances/heartbeat.ts), so nobody can say whether the caller got an answer. The rule: such
// a call is refunded (whatever the plan's charge policy: the caller may have been cut off before
// any answer) and recorded as 502 `instance_lost`, once, by whichever instance gets there first.
// Each step is idempotent: the refund claims the request id (close-call.ts), the usage event is
// unique per request id and its insert deletes the open row in the same statement.
import { pgPool } from "@/lib/db";
import { findCallClosure, refundCall } from "@/lib/billing/ledger/close-call";
import { reclaimExpiredLeases } from "@/lib/billing/ledger/leases/lease-statements";
import { insertBatch, toRow } from "@/lib/gateway/usage-rows";
import { instanceId } from "@/lib/instances/instance-id";
import { STALE_AFTER_MS } from "@/lib/instances/heartbeat";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("gateway");

/** An open call with no instance record at all is taken over after this long (a process without heartbeat). */
const ORPHAN_AFTER_MS = 60 * 60_000;
const BATCH = 200;

type LostCall = {
  requestId: string;
  teamId: string;
  apiId: string;
  apiKeyId: string;
  capKeyId: string;
  charged: string;
  method: string;
  path: string;
  createdAt: Date;
};

const FIND_LOST = `
SELECT o."requestId", o."teamId", o."apiId", o."apiKeyId", o."capKeyId", o.charged::text, o.method, o.path, o."createdAt"
FROM open_calls o LEFT JOIN app_instances i ON i.id = o."instanceId"
WHERE o."instanceId" <> $1
  AND (i."stoppedAt" IS NOT NULL OR i."seenAt" < now() - make_interval(secs => $2::float8 / 1000)
       OR (i.id IS NULL AND o."createdAt" < now() - make_interval(secs => $3::float8 / 1000)))
ORDER BY o."createdAt"
LIMIT ${BATCH}`;

export type ReconcileOptions = { staleAfterMs?: number; orphanAfterMs?: number };

/** Refunds and records every lost call it finds; returns how many calls it closed. */
export async function reconcileLostCalls(options: ReconcileOptions = {}): Promise<number> {
  const { staleAfterMs = STALE_AFTER_MS, orphanAfterMs = ORPHAN_AFTER_MS } = options;
  let closed = 0;
  for (;;) {
    const { rows } = await pgPool().query<LostCall>(FIND_LOST, [instanceId(), staleAfterMs, orphanAfterMs]);
    for (const call of rows) await closeLostCall(call);
    closed += rows.length;
    if (rows.length < BATCH) return closed;
  }
}

async function closeLostCall(call: LostCall): Promise<void> {
  const charged = BigInt(call.charged);
  const refund = {
    teamId: call.teamId,
    apiId: call.apiId,
    keyId: call.capKeyId,
    requestId: call.requestId,
    price: charged,
    reason: "instance_lost",
  };
  // Already closed (refunded before the crash, or settled): the event records what that close did.
  const refunded = (await refundCall(refund)) !== null ? charged : charged - ((await findCallClosure(call.requestId))?.actual ?? charged);
  const event = {
    requestId: call.requestId,
    teamId: call.teamId,
    apiKeyId: call.apiKeyId,
    apiId: call.apiId,
    method: call.method,
    path: call.path,
    status: 502,
    errorCode: "instance_lost",
    latencyMs: 0,
    bytesIn: 0,
    bytesOut: 0,
    charged,
    refunded,
    createdAt: call.createdAt,
  };
  await insertBatch([toRow(event)]);
}

const RECONCILE_EVERY_MS = 15_000;
const holder = globalThis as typeof globalThis & { __tollgateReconciler?: NodeJS.Timeout };

/** Runs the reconciler now and every RECONCILE_EVERY_MS on this instance (once per process). */
export function startReconcilingLostCalls(): void {
  if (holder.__tollgateReconciler || !process.env.DATABASE_URL) return;
  const run = () =>
    // Expired credit leases of dead instances first: their credit is spendable again.
    reclaimExpiredLeases()
      .catch(() => {})
      .then(() => reconcileLostCalls())
      .then((count) => count > 0 && log.warn({ calls: count }, "refunded and recorded calls lost with a stopped instance"))
      .catch((error: Error) => log.warn({ err: error }, "reconciling lost calls failed; retrying"));
  holder.__tollgateReconciler = setInterval(run, RECONCILE_EVERY_MS);
  holder.__tollgateReconciler.unref();
  void run();
}
