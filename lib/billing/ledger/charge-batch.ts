// Group commit of a busy team's charges (the lanes are team-batcher.ts's): the charges that arrive
// while one of the team's charge statements is running are made together by the next one, one
// statement for N calls. Nothing else changes: each call still gets its own USAGE
// ledger row (with its request id and the balance after it) and its own open_calls row, the debit is
// still conditional and atomic (the row is locked, each call is checked against the balance left by
// the calls before it), and nothing waits on a timer: a lone charge runs at once.
import { pgPool } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import type { ChargeRequest, ChargeResult } from "@/lib/billing/ledger/charge-call";
import type { Waiting } from "@/lib/billing/ledger/team-batcher";

// The calls in arrival order; `fitting` is the longest run of them, from the first, that the
// spendable balance covers (credit held in open leases is not). `after` is each ledger row's
// balance; `before` and `remaining` are what was spendable before and after the statement. Rows of
// `team` come back even when none fits, so the caller learns the balance.
const CHARGE_BATCH = `
WITH calls AS (
  SELECT * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
    WITH ORDINALITY AS c("requestId", price, "apiId", "keyId", "apiKeyId", method, path, "instanceId", ord)
), team AS (
  SELECT balance, balance - leased AS spendable FROM teams WHERE id = $1 FOR NO KEY UPDATE
), running AS (
  SELECT c.*, team.balance - sum(c.price) OVER (ORDER BY c.ord) AS after,
         team.spendable - sum(c.price) OVER (ORDER BY c.ord) AS spendable_after FROM calls c, team
), fitting AS (
  SELECT * FROM (SELECT r.*, bool_and(r.spendable_after >= 0) OVER (ORDER BY r.ord) AS fits FROM running r) prefix WHERE fits
), debited AS (
  UPDATE teams SET balance = balance - (SELECT sum(price) FROM fitting)
  WHERE id = $1 AND EXISTS (SELECT 1 FROM fitting) AND balance - leased >= (SELECT sum(price) FROM fitting)
  RETURNING balance, balance - leased AS spendable
), entries AS (
  INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "requestId", "apiId")
  SELECT gen_random_uuid()::text, $1, 'USAGE', -price, after, "requestId", "apiId" FROM fitting WHERE EXISTS (SELECT 1 FROM debited)
), opened AS (
  INSERT INTO open_calls ("requestId", "teamId", "apiId", "capKeyId", "apiKeyId", charged, "instanceId", method, path)
  SELECT "requestId", $1, "apiId", "keyId", "apiKeyId", price, "instanceId", method, path FROM fitting WHERE EXISTS (SELECT 1 FROM debited)
)
SELECT team.spendable::text AS before, (SELECT spendable FROM debited)::text AS remaining, f.ord::int AS ord, f.after::text AS after
FROM team LEFT JOIN fitting f ON EXISTS (SELECT 1 FROM debited)`;

type BatchRow = { before: string; remaining: string | null; ord: number | null; after: string | null };

/**
 * Answers every call of a team's batch (team-batcher.ts); returns the database outage that failed
 * them, if one did. `chargeOne` is the single-call statement: a lone charge uses it, and so does a
 * call the batch's balance might still cover after an earlier, dearer call of the batch did not fit.
 */
export async function settleChargeBatch(
  batch: Waiting<ChargeRequest, ChargeResult>[],
  chargeOne: (request: ChargeRequest) => Promise<ChargeResult>,
): Promise<{ error: unknown } | null> {
  if (batch.length === 1) {
    const [only] = batch;
    try {
      only!.resolve(await chargeOne(only!.request));
      return null;
    } catch (error) {
      only!.reject(error);
      return isDatabaseUnavailable(error) ? { error } : null;
    }
  }
  let rows: BatchRow[];
  try {
    rows = await runBatch(batch.map(({ request }) => request));
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      for (const waiting of batch) waiting.reject(error);
      return { error };
    }
    // One bad call (a request id charged twice) must not fail its neighbours: one by one, each
    // with its own answer.
    for (const waiting of batch) await chargeOne(waiting.request).then(waiting.resolve, waiting.reject);
    return null;
  }
  const charged = new Map(rows.filter((row) => row.ord !== null).map((row) => [row.ord!, BigInt(row.after!)]));
  const before = rows[0] ? BigInt(rows[0].before) : 0n;
  let left = rows[0]?.remaining != null ? BigInt(rows[0].remaining) : before;
  for (const [index, waiting] of batch.entries()) {
    const after = charged.get(index + 1);
    if (after !== undefined) {
      waiting.resolve({ ok: true, balanceAfter: after });
    } else if (waiting.request.price > left) {
      // The balance left once the row was locked does not cover it: a 402, as the single statement would answer.
      waiting.resolve({ ok: false, reason: "insufficient_credit", balance: left });
    } else {
      // A dearer call before it did not fit, but this one may: charge it on its own, in order.
      const result = await chargeOne(waiting.request).catch((error: unknown) => ({ error }));
      if ("error" in result) waiting.reject(result.error);
      else {
        waiting.resolve(result);
        if (result.ok) left = result.balanceAfter;
      }
    }
  }
  return null;
}

async function runBatch(requests: ChargeRequest[]): Promise<BatchRow[]> {
  const column = (pick: (request: ChargeRequest) => string) => requests.map(pick);
  const values = [
    requests[0]!.teamId,
    column((request) => request.requestId),
    column((request) => request.price.toString()),
    column((request) => request.apiId),
    column((request) => request.keyId),
    column((request) => request.apiKeyId),
    column((request) => request.method),
    column((request) => request.path),
    column((request) => request.instanceId),
  ];
  const { rows } = await pgPool().query<BatchRow>({ name: "tollgate_charge_batch", text: CHARGE_BATCH, values });
  return rows;
}
