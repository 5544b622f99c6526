// Group commit of a busy team's closes (refunds and settles; the lanes are team-batcher.ts's): the
// closes that arrive while one of the team's statements runs are made together by the next one. An
// AI call is reserved and then settled, so without this every AI call would queue twice on its
// team's balance row. Each close keeps its own claim in call_settlements (whichever close of a
// request id comes first wins, across instances), its own ledger row with the balance after it and
// its reason; the balance moves once, by the sum.
import { pgPool } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import type { Waiting } from "@/lib/billing/ledger/team-batcher";

export type Close = {
  requestId: string;
  teamId: string;
  apiId: string;
  /** the key whose `spent` counts against a spend cap (ResolvedKey.capKeyId); moved only when capped */
  keyId: string;
  outcome: "SETTLED" | "REFUNDED";
  reserved: bigint;
  actual: bigint;
  ledgerKind: "USAGE_SETTLEMENT" | "USAGE_REFUND";
  externalRef: string;
  reason: string;
};

/** Whether this close claimed its request id, and the team's balance right after it. */
export type CloseOutcome = { claimed: true; balanceAfter: bigint } | { claimed: false };

// The closes in arrival order. Claims go in in request id order (two instances' batches cannot
// deadlock on them); each claimed close moves `reserved - actual`, and its ledger row records the
// balance after the closes before it. A key's spend moves by the sum of its closes, not below zero.
const CLOSE_BATCH = `
WITH closes AS (
  SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[], $9::text[], $10::text[])
    WITH ORDINALITY AS c("requestId", "apiId", "keyId", outcome, reserved, actual, "ledgerKind", "externalRef", reason, ord)
), locked AS (
  SELECT balance FROM teams WHERE id = $1 FOR NO KEY UPDATE
), claimed AS (
  INSERT INTO call_settlements ("requestId", "teamId", "apiId", "keyId", outcome, reserved, actual)
  SELECT c."requestId", $1, c."apiId", c."keyId", c.outcome::"CallOutcome", c.reserved, c.actual
  FROM closes c WHERE EXISTS (SELECT 1 FROM locked) ORDER BY c."requestId"
  ON CONFLICT ("requestId") DO NOTHING RETURNING "requestId"
), running AS (
  SELECT c.*, c.reserved - c.actual AS diff,
         (SELECT balance FROM locked) + sum(c.reserved - c.actual) OVER (ORDER BY c.ord) AS after
  FROM closes c WHERE c."requestId" IN (SELECT "requestId" FROM claimed)
), moved AS (
  UPDATE teams SET balance = balance + (SELECT sum(diff) FROM running)
  WHERE id = $1 AND EXISTS (SELECT 1 FROM running WHERE diff <> 0) RETURNING balance
), key_spent AS (
  UPDATE api_keys k SET spent = GREATEST(k.spent - s.diff, 0)
  FROM (SELECT "keyId", sum(diff) AS diff FROM running WHERE diff <> 0 GROUP BY "keyId") s
  WHERE k.id = s."keyId" AND k."spendCap" IS NOT NULL AND EXISTS (SELECT 1 FROM moved)
), entries AS (
  INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "externalRef", "requestId", "apiId", reason)
  SELECT gen_random_uuid()::text, $1, r."ledgerKind"::"LedgerEntryKind", r.diff, r.after, r."externalRef", r."requestId", r."apiId",
         CASE WHEN r.after < 0 AND r.actual > r.reserved THEN r.reason || ' (the balance went below zero)' ELSE r.reason END
  FROM running r WHERE r.diff <> 0 AND EXISTS (SELECT 1 FROM moved)
)
SELECT c.ord::int AS ord, r.after::text AS after FROM closes c LEFT JOIN running r ON r.ord = c.ord`;

type BatchRow = { ord: number; after: string | null };

/**
 * Answers every close of a team's batch; returns the database outage that failed them, if one did.
 * `closeOne` is the single-close statement: a lone close uses it, and so do a second close of a
 * request id already in the batch (it must see the first one's claim) and a batch that failed for a
 * reason of its own (one bad close must not fail its neighbours).
 */
export async function settleCloseBatch(
  batch: Waiting<Close, CloseOutcome>[],
  closeOne: (close: Close) => Promise<CloseOutcome>,
): Promise<{ error: unknown } | null> {
  const seen = new Set<string>();
  const together: Waiting<Close, CloseOutcome>[] = [];
  const after: Waiting<Close, CloseOutcome>[] = [];
  for (const waiting of batch) {
    if (seen.has(waiting.request.requestId)) after.push(waiting);
    else {
      seen.add(waiting.request.requestId);
      together.push(waiting);
    }
  }
  if (together.length === 1) after.unshift(together.pop()!);
  if (together.length > 0) {
    try {
      const rows = await runBatch(together.map(({ request }) => request));
      const balances = new Map(rows.map((row) => [row.ord, row.after]));
      for (const [index, waiting] of together.entries()) {
        const balance = balances.get(index + 1);
        waiting.resolve(balance == null ? { claimed: false } : { claimed: true, balanceAfter: BigInt(balance) });
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        for (const waiting of batch) waiting.reject(error);
        return { error };
      }
      after.unshift(...together);
    }
  }
  for (const waiting of after) {
    try {
      waiting.resolve(await closeOne(waiting.request));
    } catch (error) {
      waiting.reject(error);
      if (isDatabaseUnavailable(error)) {
        for (const rest of after.slice(after.indexOf(waiting) + 1)) rest.reject(error);
        return { error };
      }
    }
  }
  return null;
}

async function runBatch(closes: Close[]): Promise<BatchRow[]> {
  const column = (pick: (close: Close) => string) => closes.map(pick);
  const values = [
    closes[0]!.teamId,
    column((close) => close.requestId),
    column((close) => close.apiId),
    column((close) => close.keyId),
    column((close) => close.outcome),
    column((close) => close.reserved.toString()),
    column((close) => close.actual.toString()),
    column((close) => close.ledgerKind),
    column((close) => close.externalRef),
    column((close) => close.reason),
  ];
  const { rows } = await pgPool().query<BatchRow>({ name: "tollgate_close_batch", text: CLOSE_BATCH, values });
  return rows;
}
