// The statement that charges the calls waiting in the charge queue (charge-queue.ts), of one team
// or of many: one statement for N calls. Nothing else changes: each call still gets its own USAGE
// ledger row (with its request id and its team's balance after it) and its own open_calls row, the
// debit is still conditional and atomic (each team row is locked, each call is checked against the
// balance left by its team's calls before it), and a lone charge runs at once.
import { pgPool } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import type { ChargeRequest, ChargeResult } from "@/lib/billing/ledger/charge-call";
import type { Waiting } from "@/lib/billing/ledger/team-batcher";

// The calls in arrival order. The team rows are locked in id order, and a row another transaction
// holds is skipped (SKIP LOCKED) rather than waited for: a team busy elsewhere (its lease being
// written, its closes, another instance's charges) must not hold up the other teams' calls, so the
// statement never waits on a lock; a skipped team's calls are charged one by one after it. Per
// team, `fitting` is the longest run of its calls, from its first, that its spendable balance
// covers (credit held in open leases is not). `after` is each ledger row's balance; `before` and
// `remaining` are what the call's team could spend before and after the statement (null `before`:
// its row was skipped).
const CHARGE_BATCH = `
WITH calls AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
    WITH ORDINALITY AS c("teamId", "requestId", price, "apiId", "keyId", "apiKeyId", method, path, "instanceId", ord)
), team AS (
  SELECT id, balance, balance - leased AS spendable FROM teams
  WHERE id = ANY (ARRAY(SELECT DISTINCT "teamId" FROM calls)) ORDER BY id FOR NO KEY UPDATE SKIP LOCKED
), running AS (
  SELECT c.*, t.balance - sum(c.price) OVER w AS after, t.spendable - sum(c.price) OVER w AS spendable_after
  FROM calls c JOIN team t ON t.id = c."teamId"
  WINDOW w AS (PARTITION BY c."teamId" ORDER BY c.ord)
), fitting AS (
  SELECT * FROM (SELECT r.*, bool_and(r.spendable_after >= 0) OVER (PARTITION BY r."teamId" ORDER BY r.ord) AS fits FROM running r) prefix
  WHERE fits
), amounts AS (
  SELECT "teamId", sum(price) AS amount FROM fitting GROUP BY "teamId"
), debited AS (
  UPDATE teams SET balance = teams.balance - a.amount FROM amounts a
  WHERE teams.id = a."teamId" AND teams.balance - teams.leased >= a.amount
  RETURNING teams.id, teams.balance - teams.leased AS spendable
), charged AS (
  SELECT * FROM fitting WHERE "teamId" IN (SELECT id FROM debited)
), entries AS (
  INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "requestId", "apiId")
  SELECT gen_random_uuid()::text, "teamId", 'USAGE', -price, after, "requestId", "apiId" FROM charged
), opened AS (
  INSERT INTO open_calls ("requestId", "teamId", "apiId", "capKeyId", "apiKeyId", charged, "instanceId", method, path)
  SELECT "requestId", "teamId", "apiId", "keyId", "apiKeyId", price, "instanceId", method, path FROM charged
)
SELECT c.ord::int AS ord, t.spendable::text AS before, d.spendable::text AS remaining, ch.after::text AS after
FROM calls c LEFT JOIN team t ON t.id = c."teamId" LEFT JOIN debited d ON d.id = c."teamId" LEFT JOIN charged ch ON ch.ord = c.ord
ORDER BY c.ord`;

type BatchRow = { ord: number; before: string | null; remaining: string | null; after: string | null };

type Charge = Waiting<ChargeRequest, ChargeResult>;

/** How a batch went: the outage that failed it, if one did, and the teams still being charged one by one (skipped rows). */
export type ChargeBatchSettled = { outage: { error: unknown } | null; stillCharging: Map<string, Promise<void>> };

/**
 * Answers every call of a batch (charge-queue.ts). `chargeOne` is the single-call statement, for the
 * calls of a team whose row the batch skipped (they wait for the lock in their own statements, in
 * order, after this returns: `stillCharging`), a call the batch's balance might still cover after
 * an earlier, dearer call of its team did not fit, and each call of a batch that failed as a whole.
 */
export async function settleChargeBatch(
  batch: Charge[],
  chargeOne: (request: ChargeRequest) => Promise<ChargeResult>,
): Promise<ChargeBatchSettled> {
  const stillCharging = new Map<string, Promise<void>>();
  let rows: BatchRow[];
  try {
    rows = await runBatch(batch.map(({ request }) => request));
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      for (const waiting of batch) waiting.reject(error);
      return { outage: { error }, stillCharging };
    }
    // One bad call (a request id charged twice) must not fail its neighbours: one by one, each
    // with its own answer.
    for (const waiting of batch) await chargeOne(waiting.request).then(waiting.resolve, waiting.reject);
    return { outage: null, stillCharging };
  }
  // The calls of each team in arrival order, with their rows; the teams answered side by side.
  const byOrd = new Map(rows.map((row) => [row.ord, row]));
  const teams = new Map<string, { waiting: Charge; row: BatchRow }[]>();
  for (const [index, waiting] of batch.entries()) {
    const calls = teams.get(waiting.request.teamId);
    const call = { waiting, row: byOrd.get(index + 1)! };
    if (calls) calls.push(call);
    else teams.set(waiting.request.teamId, [call]);
  }
  const answered: Promise<void>[] = [];
  for (const [teamId, calls] of teams) {
    const answering = answerTeam(calls, chargeOne);
    if (calls[0]!.row.before === null) stillCharging.set(teamId, answering);
    else answered.push(answering);
  }
  await Promise.all(answered);
  return { outage: null, stillCharging };
}

/** Answers one team's calls of a batch, in their order. */
async function answerTeam(calls: { waiting: Charge; row: BatchRow }[], chargeOne: (request: ChargeRequest) => Promise<ChargeResult>) {
  const first = calls[0]!.row;
  // Skipped (another transaction held the row): each call in its own statement, which waits for the lock.
  let left = first.before === null ? null : BigInt(first.remaining ?? first.before);
  for (const { waiting, row } of calls) {
    if (row.after !== null) {
      waiting.resolve({ ok: true, balanceAfter: BigInt(row.after) });
    } else if (left !== null && waiting.request.price > left) {
      // The balance left once the row was locked does not cover it: a 402, as the single statement would answer.
      waiting.resolve({ ok: false, reason: "insufficient_credit", balance: left });
    } else {
      // Its team was skipped, or a dearer call before it did not fit but this one may: on its own, in order.
      const result = await chargeOne(waiting.request).catch((error: unknown) => ({ error }));
      if ("error" in result) waiting.reject(result.error);
      else {
        waiting.resolve(result);
        if (result.ok && left !== null) left = result.balanceAfter;
      }
    }
  }
}

async function runBatch(requests: ChargeRequest[]): Promise<BatchRow[]> {
  const column = (pick: (request: ChargeRequest) => string) => requests.map(pick);
  const values = [
    column((request) => request.teamId),
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
