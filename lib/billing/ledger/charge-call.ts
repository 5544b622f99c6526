// Charging a call at admission: its price, or an AI call's reservation. ONE SQL statement (shared
// with the team's other charges of the moment, charge-batch.ts), so there is no read-then-write window: concurrent calls on one team serialise on the team row, and PostgreSQL re-checks
// `balance >= price` against the newest row version before it subtracts (READ COMMITTED
// re-evaluation), so credit never goes below zero through the gateway. The ledger row is written by
// the same statement: the balance and the ledger cannot disagree. So is the call's open_calls row,
// which the usage batch recording the call deletes: if the process dies first, the row is how any
// other instance finds the charge and refunds it (lib/gateway/reconcile-lost-calls.ts).
import { pgPool } from "@/lib/db";
import { settleChargeBatch } from "@/lib/billing/ledger/charge-batch";
import { teamBatcher } from "@/lib/billing/ledger/team-batcher";
import { chargeFromLease, returnTeamLease } from "@/lib/billing/ledger/leases/credit-leases";

export type ChargeRequest = {
  teamId: string;
  apiId: string;
  /** the key that holds the spend cap (ResolvedKey.capKeyId) */
  keyId: string;
  /** the key the call came with (differs from keyId while a rotated key is in its grace period) */
  apiKeyId: string;
  requestId: string;
  price: bigint;
  capped: boolean;
  /** the process taking the call (lib/instances): its open call is reconciled only once it is gone */
  instanceId: string;
  method: string;
  path: string;
  /** a reservation (AI and Prompt API calls), settled to the exact cost when the call ends */
  settlesLater?: boolean;
};

export type ChargeResult =
  { ok: true; balanceAfter: bigint } | { ok: false; reason: "insufficient_credit" | "key_spend_cap_reached"; balance: bigint };

// The open call, written only when the debit happened (a CTE of both charge statements).
const OPEN_CALL = `opened AS (
  INSERT INTO open_calls ("requestId", "teamId", "apiId", "capKeyId", "apiKeyId", charged, "instanceId", method, path)
  SELECT $3, $1, $4, $5, $6, $2::bigint, $7, $8, $9 FROM debited
)`;

// Debit the team when it has the credit; insert the USAGE ledger row from the updated row.
// `current` reads the statement's snapshot: the balance that was too low when zero rows changed.
// Credit held in open leases (`leased`, lib/billing/ledger/leases) is not this statement's to spend.
const CHARGE = `
WITH debited AS (
  UPDATE teams SET balance = balance - $2 WHERE id = $1 AND balance - leased >= $2 RETURNING balance
), entry AS (
  INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "requestId", "apiId")
  SELECT gen_random_uuid()::text, $1, 'USAGE', -$2::bigint, balance, $3, $4 FROM debited
), ${OPEN_CALL}
SELECT (SELECT balance FROM debited)::text AS after, (SELECT balance - leased FROM teams WHERE id = $1)::text AS current, true AS within_cap`;

// The same for a key with a spend cap: the key row is locked first (the cap check is re-evaluated
// on its newest version), and key and team are debited together or not at all.
const CHARGE_CAPPED = `
WITH capped AS (
  SELECT id FROM api_keys WHERE id = $5 AND ("spendCap" IS NULL OR spent + $2 <= "spendCap") FOR NO KEY UPDATE
), debited AS (
  UPDATE teams SET balance = balance - $2 WHERE id = $1 AND balance - leased >= $2 AND EXISTS (SELECT 1 FROM capped) RETURNING balance
), key_spent AS (
  UPDATE api_keys SET spent = spent + $2 WHERE id IN (SELECT id FROM capped) AND EXISTS (SELECT 1 FROM debited)
), entry AS (
  INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "requestId", "apiId")
  SELECT gen_random_uuid()::text, $1, 'USAGE', -$2::bigint, balance, $3, $4 FROM debited
), ${OPEN_CALL}
SELECT (SELECT balance FROM debited)::text AS after, (SELECT balance - leased FROM teams WHERE id = $1)::text AS current,
       EXISTS (SELECT 1 FROM capped) AS within_cap`;

const BALANCE = `SELECT balance::text AS balance FROM teams WHERE id = $1`;

type ChargeRow = { after: string | null; current: string | null; within_cap: boolean };

export async function chargeCall(request: ChargeRequest): Promise<ChargeResult> {
  if (request.price === 0n) {
    // Free calls change nothing, but a negative balance (a refunded top-up) still blocks them.
    const { rows } = await pgPool().query<{ balance: string }>(BALANCE, [request.teamId]);
    const balance = BigInt(rows[0]?.balance ?? 0);
    return balance >= 0n ? { ok: true, balanceAfter: balance } : { ok: false, reason: "insufficient_credit", balance };
  }
  // A busy team's calls are charged from this instance's credit lease, in memory (leases/).
  const leased = await chargeFromLease(request);
  if (leased) return leased;
  const charged = await chargeWithStatement(request);
  // Too little spendable credit while this instance holds some of the team's in a lease: give the
  // lease back (its calls written first) and try once more, so no credit is stranded here.
  if (
    !charged.ok &&
    charged.reason === "insufficient_credit" &&
    (await returnTeamLease(request.teamId, "low balance").catch(() => false))
  ) {
    return chargeWithStatement(request);
  }
  return charged;
}

function chargeWithStatement(request: ChargeRequest): Promise<ChargeResult> {
  // Charges of a team that arrive together share statements (charge-batch.ts); a key with a spend
  // cap locks its own row too, so its charges keep the single statement.
  return request.capped ? chargeOne(request) : chargeInBatch(request.teamId, request);
}

const chargeInBatch = teamBatcher<ChargeRequest, ChargeResult>("charge", (batch) => settleChargeBatch(batch, chargeOne));

/** One call's charge in one statement. */
async function chargeOne(request: ChargeRequest): Promise<ChargeResult> {
  const { teamId, apiId, keyId, apiKeyId, requestId, price, capped, instanceId, method, path } = request;
  const params = [teamId, price.toString(), requestId, apiId, keyId, apiKeyId, instanceId, method, path];
  // Named statements are parsed and planned once per connection, not on every call.
  const statement = capped ? { name: "tollgate_charge_capped", text: CHARGE_CAPPED } : { name: "tollgate_charge", text: CHARGE };
  const { rows } = await pgPool().query<ChargeRow>({ ...statement, values: params });
  const row = rows[0];
  if (row.after !== null) return { ok: true, balanceAfter: BigInt(row.after) };
  const balance = BigInt(row.current ?? 0);
  return { ok: false, reason: row.within_cap ? "insufficient_credit" : "key_spend_cap_reached", balance };
}
