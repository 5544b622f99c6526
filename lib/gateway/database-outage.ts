// The gateway when PostgreSQL does not answer in time (README, "When the database is unavailable").
// The call is refused with 503 `service_unavailable` and Retry-After; one refused at admission is
// never forwarded: no call reaches an upstream without its charge committed first. What the refused
// call may have been charged is settled once the database answers again:
// - the charge statement never reached a server process (no connection in time), or the server
//   answered it with an error (statement_timeout): nothing was charged;
// - it was sent and then timed out or lost its connection: the server may still commit it after
//   we gave up. That server process is ended first (lib/db.ts), then the ledger says whether the
//   charge happened, and a charge found is refunded;
// - the call was charged and then its refund (an upstream failure) could not be written: refunded.
// The call's usage event waits meanwhile (usage-recorder holdUsage), so it records what the call was
// finally charged and refunded. Settling retries with growing pauses while the database stays away.
// If the process dies first, its open_calls rows are how another instance refunds a charge that
// committed (reconcile-lost-calls.ts).
import { endStatementBackend, statementBackend, type StatementBackend } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { SERVICE_UNAVAILABLE_HEADERS, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { refundCall } from "@/lib/billing/ledger/close-call";
import { hasUsageCharge } from "@/lib/billing/ledger/find-usage-charge";
import type { CallContext } from "@/lib/gateway/call-context";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { retryPause } from "@/lib/retry-pause";
import { holdUsage, releaseUsage } from "@/lib/gateway/usage-recorder";
import { forRequest, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("gateway");

type Unsettled = {
  requestId: string;
  teamId: string;
  apiId: string;
  /** the key holding the spend cap (ResolvedKey.capKeyId) */
  keyId: string;
  price: bigint;
  /** performance.now() when the call began: the ledger is searched from then on */
  startedAt: number;
  /** where the charge statement went when its outcome is unknown; null when the call is known to be charged */
  backend: StatementBackend | null;
};

/** Beyond this many, a refused call is left to the lost-call reconciler (logged): memory stays bounded. */
const MAX_UNSETTLED = 10_000;
const REFUSAL_LOG_MS = 10_000;
/** Ledger rows of the call are searched from its start minus this margin, in seconds. */
const LEDGER_MARGIN_SECONDS = 60;

const DETAIL = `Tollgate's database did not answer in time, so this call was not completed. You are not charged for it (a charge already taken is refunded as soon as the database answers). Retry in ${SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS} s.`;

type SettlerState = {
  pending: Map<string, Unsettled>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  failures: number;
  /** refusals not logged yet, and the timer that logs them */
  refusals: { count: number; reason: string; timer: NodeJS.Timeout | null };
};
const globalSettler = globalThis as typeof globalThis & { __tollgateOutageSettler?: SettlerState };
const state: SettlerState = (globalSettler.__tollgateOutageSettler ??= {
  pending: new Map(),
  timer: null,
  running: false,
  failures: 0,
  refusals: { count: 0, reason: "", timer: null },
});

/**
 * The refusal for a call that failed because the database did not answer, or null for any other
 * error. Call before the refusal's usage event is recorded: a call whose charge is unsettled keeps it.
 */
export function databaseRefusal(call: CallContext, error: unknown): GatewayError | null {
  if (!isDatabaseUnavailable(error)) return null;
  noteRefusal((error as Error).message);
  const unsettled = unsettledCharge(call, error);
  if (unsettled) settleLater(unsettled);
  return new GatewayError("service_unavailable", DETAIL, undefined, SERVICE_UNAVAILABLE_HEADERS);
}

/** One log line per REFUSAL_LOG_MS however many calls an outage refuses: the first at once, then a count. */
function noteRefusal(reason: string): void {
  const refusals = state.refusals;
  refusals.reason = reason;
  if (refusals.timer) return void refusals.count++;
  log.warn({ reason }, "refusing calls with 503: the database did not answer in time");
  const report = () => {
    if (refusals.count === 0) return void (refusals.timer = null);
    log.warn(
      { refused: refusals.count, periodMs: REFUSAL_LOG_MS, reason: refusals.reason },
      "refused more calls with 503: the database did not answer in time",
    );
    refusals.count = 0;
    refusals.timer = setTimeout(report, REFUSAL_LOG_MS).unref();
  };
  refusals.timer = setTimeout(report, REFUSAL_LOG_MS).unref();
}

function unsettledCharge(call: CallContext, error: unknown): Unsettled | null {
  const { key, api, plan } = call;
  if (!key || !api || !plan) return null; // refused before anything could be charged
  const known = { requestId: call.requestId, teamId: key.teamId, apiId: api.id, keyId: key.capKeyId, startedAt: call.startedAt };
  // Charged, and the refund its failure calls for could not be written.
  if (call.charged > 0n) return call.refunded === 0n ? { ...known, price: call.charged, backend: null } : null;
  // Past the rate limit only the charge statement runs: it failed. Did it reach a server process?
  if (!call.rateLimit?.allowed || plan.pricePerCall === 0n) return null;
  const backend = statementBackend(error);
  // The server's own error (not FATAL: the connection lived on) means the statement rolled back.
  if (!backend || (error as { severity?: unknown }).severity === "ERROR") return null;
  return { ...known, price: plan.pricePerCall, backend };
}

function settleLater(unsettled: Unsettled): void {
  if (state.pending.size >= MAX_UNSETTLED) {
    forRequest(log, unsettled.requestId).error(
      { maxUnsettled: MAX_UNSETTLED },
      "too many calls wait to be settled; a charge of this call, if any, is refunded when this instance stops (open_calls)",
    );
    return;
  }
  holdUsage(unsettled.requestId);
  state.pending.set(unsettled.requestId, unsettled);
  settleIn(retryPause(1));
}

/** Calls refused during an outage whose charge is not settled yet. */
export function unsettledCalls(): number {
  return state.pending.size;
}

function settleIn(ms: number): void {
  if (state.timer || state.running) return;
  state.timer = setTimeout(() => void settlePending(), ms);
  state.timer.unref();
}

async function settlePending(): Promise<void> {
  state.timer = null;
  state.running = true;
  let pause = 0;
  try {
    for (const unsettled of [...state.pending.values()]) {
      await settle(unsettled);
      state.pending.delete(unsettled.requestId);
    }
    state.failures = 0;
  } catch (error) {
    pause = retryPause(++state.failures);
    log.warn(
      { pending: state.pending.size, retryInMs: pause, err: error },
      "settling calls refused during a database outage failed; retrying",
    );
  } finally {
    state.running = false;
  }
  if (state.pending.size > 0) settleIn(pause); // still failing, or refused meanwhile
}

async function settle(unsettled: Unsettled): Promise<void> {
  const { requestId, teamId, apiId, keyId, price, backend } = unsettled;
  let charged = true;
  if (backend) {
    if (!(await endStatementBackend(backend))) throw new Error(`the server process ${backend.pid} that had the charge is still running`);
    const withinSeconds = (performance.now() - unsettled.startedAt) / 1000 + LEDGER_MARGIN_SECONDS;
    charged = await hasUsageCharge(teamId, requestId, withinSeconds);
  }
  // refundCall claims the request id: a refund already made (by the lost-call reconciler) is not repeated.
  if (charged) await refundCall({ teamId, apiId, keyId, requestId, price, reason: "database unavailable" });
  const amount = charged ? price : 0n;
  releaseUsage(requestId, { charged: amount, refunded: amount });
}
