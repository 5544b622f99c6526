// Making a charged call final, once: a refund (the upstream failed, nothing is owed) or a settle (the
// exact cost is known and differs from what admission charged, as for AI calls reserved at their
// most expensive). A call charged from a credit lease and not written yet is closed in the lease's
// next write (leases/team-lease.ts closePending). Any other close is ONE statement (alone, or shared
// with the team's other closes of the moment: close-batch.ts) that first claims the request id in
// call_settlements (primary key, ON CONFLICT DO NOTHING): whichever close arrives first wins, and a
// second refund, a second settle or a settle after a refund changes nothing, even when they race on
// two instances. The balance, the key's spend and the ledger row move only when the claim was made.
import { pgPool } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { closeLeasedCall, leasedChargeWritten } from "@/lib/billing/ledger/leases/credit-leases";
import { settleCloseBatch, type Close, type CloseOutcome } from "@/lib/billing/ledger/close-batch";
import { teamBatcher } from "@/lib/billing/ledger/team-batcher";

// $6 - $7 is what goes back to the team: positive when the call cost less than its reservation,
// negative (a further debit, allowed below zero: the call was answered) when it cost more.
const CLOSE = `
WITH claimed AS (
  INSERT INTO call_settlements ("requestId", "teamId", "apiId", "keyId", outcome, reserved, actual)
  VALUES ($1, $2, $3, $4, $5::"CallOutcome", $6::bigint, $7::bigint)
  ON CONFLICT ("requestId") DO NOTHING RETURNING "requestId"
), moved AS (
  UPDATE teams SET balance = balance + ($6::bigint - $7::bigint)
  WHERE id = $2 AND $6::bigint <> $7::bigint AND EXISTS (SELECT 1 FROM claimed) RETURNING balance
), key_spent AS (
  UPDATE api_keys SET spent = GREATEST(spent - ($6::bigint - $7::bigint), 0)
  WHERE id = $4 AND "spendCap" IS NOT NULL AND EXISTS (SELECT 1 FROM moved)
), entry AS (
  INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "externalRef", "requestId", "apiId", reason)
  SELECT gen_random_uuid()::text, $2, $8::"LedgerEntryKind", $6::bigint - $7::bigint, balance, $9, $1, $3,
         CASE WHEN balance < 0 AND $7::bigint > $6::bigint THEN $10 || ' (the balance went below zero)' ELSE $10 END
  FROM moved
)
SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, (SELECT balance FROM moved)::text AS after,
       (SELECT balance FROM teams WHERE id = $2)::text AS current`;

type CloseRow = { claimed: boolean; after: string | null; current: string | null };
type Closed = { claimed: true; balanceAfter: bigint } | { claimed: false; earlier: "SETTLED" | "REFUNDED" | null };

async function closeCall(close: Close): Promise<Closed> {
  // A call charged from a credit lease and not written yet is closed in the lease: its row is
  // written with its exact cost and its claim, in the lease's next statement.
  const inLease = closeLeasedCall(close);
  if (inLease !== null) return { claimed: true, balanceAfter: inLease };
  // Otherwise the close follows the call's ledger row, so a crash can never leave a refund or a
  // settle without the charge it corrects.
  await leasedChargeWritten(close.requestId, close.teamId);
  // A busy team's closes share statements (close-batch.ts), as its charges do.
  const outcome = await closeInBatch(close.teamId, close);
  return outcome.claimed ? outcome : { claimed: false, earlier: await earlierOutcome(close.requestId) };
}

/** One close in one statement. */
async function closeOne(close: Close): Promise<CloseOutcome> {
  const { requestId, teamId, apiId, keyId, outcome, reserved, actual, ledgerKind, externalRef, reason } = close;
  const values = [requestId, teamId, apiId, keyId, outcome, reserved.toString(), actual.toString(), ledgerKind, externalRef, reason];
  try {
    const { rows } = await pgPool().query<CloseRow>({ name: "tollgate_close_call", text: CLOSE, values });
    const row = rows[0]!;
    if (row.claimed) return { claimed: true, balanceAfter: BigInt(row.after ?? row.current ?? 0) };
  } catch (error) {
    // A ledger row with this externalRef from before call_settlements existed: closed already.
    if (!isUniqueViolation(error)) throw error;
  }
  return { claimed: false };
}

const closeInBatch = teamBatcher<Close, CloseOutcome>("close", (batch) => settleCloseBatch(batch, closeOne));

export type CallClosure = { outcome: "SETTLED" | "REFUNDED"; reserved: bigint; actual: bigint };

/** How a call was closed, if it was: what a crash recovery records for a call closed before the crash. */
export async function findCallClosure(requestId: string): Promise<CallClosure | null> {
  const { rows } = await pgPool().query<{ outcome: "SETTLED" | "REFUNDED"; reserved: string; actual: string }>(
    `SELECT outcome, reserved::text, actual::text FROM call_settlements WHERE "requestId" = $1`,
    [requestId],
  );
  const row = rows[0];
  return row ? { outcome: row.outcome, reserved: BigInt(row.reserved), actual: BigInt(row.actual) } : null;
}

async function earlierOutcome(requestId: string): Promise<"SETTLED" | "REFUNDED" | null> {
  return (await findCallClosure(requestId))?.outcome ?? null;
}

export type RefundRequest = { teamId: string; apiId: string; keyId: string; requestId: string; price: bigint; reason: string };

/** Credits a charged call back; returns the new balance, or null if the call was closed before. */
export async function refundCall(request: RefundRequest): Promise<bigint | null> {
  const { price, requestId } = request;
  if (price === 0n) return null;
  const closed = await closeCall({
    ...request,
    outcome: "REFUNDED",
    reserved: price,
    actual: 0n,
    ledgerKind: "USAGE_REFUND",
    externalRef: `refund:${requestId}`,
  });
  return closed.claimed ? closed.balanceAfter : null;
}

export type SettleRequest = {
  teamId: string;
  apiId: string;
  /** the key holding the spend cap (ResolvedKey.capKeyId): its `spent` moves by the same difference */
  keyId: string;
  requestId: string;
  /** what admission charged for the call */
  reserved: bigint;
  /** the exact cost */
  actual: bigint;
  reason: string;
};

export type SettleResult =
  | { status: "settled"; balanceAfter: bigint; difference: bigint; overdrawn: boolean }
  | { status: "already_settled" }
  | { status: "refunded" };

/**
 * Turns a reservation into the exact charge: credits `reserved - actual` back, or debits the excess
 * (even below zero: the answer was delivered; `overdrawn` says so and the ledger row records it).
 * Equal amounts move no money but still close the call. At most once per request id, never after a
 * refund of the same request.
 */
export async function settleCall(request: SettleRequest): Promise<SettleResult> {
  const { reserved, actual, requestId } = request;
  if (reserved < 0n || actual < 0n) throw new RangeError("A settle takes amounts of zero or more.");
  const closed = await closeCall({
    ...request,
    outcome: "SETTLED",
    ledgerKind: "USAGE_SETTLEMENT",
    externalRef: `settle:${requestId}`,
  });
  if (closed.claimed) {
    const difference = reserved - actual;
    return { status: "settled", balanceAfter: closed.balanceAfter, difference, overdrawn: actual > reserved && closed.balanceAfter < 0n };
  }
  return closed.earlier === "REFUNDED" ? { status: "refunded" } : { status: "already_settled" };
}
