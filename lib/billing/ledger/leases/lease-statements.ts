// The statements that move credit into, through and out of a lease. Each is ONE statement, so the
// two invariants hold at every commit:
//   teams.balance == sum(the team's ledger amounts)            (the ledger's, unchanged by leases)
//   teams.leased  == sum(remaining) over the team's open leases
// which together are the issue's `spendable + open leases == sum(ledger)`, spendable being
// `balance - leased`, the part a charge statement may take (charge-call.ts). A lease never moves
// money by itself: taking, topping up and returning one only move credit between `spendable` and
// `leased`; the calls spent from it reach the balance and the ledger in `writeLeaseCharges`.
//
// Lock order: the team row first, then the lease row, in every statement that takes both, so two
// of them never wait on each other. The team row is locked FOR NO KEY UPDATE, as an UPDATE of its
// balance would lock it: enough to order every movement of the balance, and it does not wait for
// the KEY SHARE locks that foreign keys to the team take (a usage batch's rows, a ledger row), nor
// make them wait.
import { pgPool } from "@/lib/db";

/** How much a take or top-up asks for: `want`, at most `spendable / share`, in whole `unit`s, at least `minimum`. */
export type LeaseGrant = { want: bigint; unit: bigint; minimum: bigint; share: bigint; ttlMs: number };

const GRANT = `
locked AS (
  SELECT balance - leased AS spendable FROM teams WHERE id = $1 FOR NO KEY UPDATE
), grant_amount AS (
  SELECT LEAST($3::bigint, (GREATEST(spendable, 0) / $6::bigint / $4::bigint) * $4::bigint) AS amount FROM locked
)`;

// $1 team, $2 instance, $3 want, $4 unit, $5 minimum, $6 share, $7 ttl (ms)
const TAKE = `
WITH ${GRANT}, held AS (
  UPDATE teams SET leased = leased + (SELECT amount FROM grant_amount)
  WHERE id = $1 AND (SELECT amount FROM grant_amount) >= $5::bigint RETURNING balance
), lease AS (
  INSERT INTO credit_leases (id, "teamId", "instanceId", granted, remaining, "expiresAt")
  SELECT gen_random_uuid()::text, $1, $2, g.amount, g.amount, now() + make_interval(secs => $7::float8 / 1000)
  FROM grant_amount g WHERE EXISTS (SELECT 1 FROM held)
  RETURNING id, granted
)
SELECT (SELECT id FROM lease) AS id, (SELECT granted FROM lease)::text AS granted, (SELECT balance FROM held)::text AS balance`;

// $1 team, $2 lease, $3 want, $4 unit, $5 minimum, $6 share, $7 ttl (ms)
const TOP_UP = `
WITH ${GRANT}, lease AS (
  UPDATE credit_leases l SET granted = l.granted + g.amount, remaining = l.remaining + g.amount,
         "expiresAt" = now() + make_interval(secs => $7::float8 / 1000)
  FROM grant_amount g WHERE l.id = $2 AND l."closedAt" IS NULL AND g.amount >= $5::bigint
  RETURNING g.amount, l.charged
), held AS (
  UPDATE teams SET leased = leased + (SELECT amount FROM lease) WHERE id = $1 AND EXISTS (SELECT 1 FROM lease) RETURNING balance
)
SELECT (SELECT amount FROM lease)::text AS granted, (SELECT balance FROM held)::text AS balance,
       (SELECT charged FROM lease)::text AS charged, EXISTS (SELECT 1 FROM credit_leases WHERE id = $2 AND "closedAt" IS NULL) AS open`;

export type TakenLease = { id: string; granted: bigint; balance: bigint };

/** Moves a slice of the team's spendable credit into a new lease; null when the slice would be below `minimum`. */
export async function takeLease(teamId: string, instanceId: string, grant: LeaseGrant): Promise<TakenLease | null> {
  const values = [teamId, instanceId, ...grantValues(grant)];
  const { rows } = await pgPool().query<{ id: string | null; granted: string | null; balance: string | null }>({
    name: "tollgate_lease_take",
    text: TAKE,
    values,
  });
  const row = rows[0];
  return row?.id ? { id: row.id, granted: BigInt(row.granted!), balance: BigInt(row.balance!) } : null;
}

/**
 * The team's balance and the lease's written charges from one snapshot: the balance already
 * reflects exactly `charged` of the lease's calls, whatever the order the answers come back in.
 */
export type LeaseSnapshot = { balance: bigint; charged: bigint };

export type TopUp = { granted: bigint; snapshot: LeaseSnapshot | null; open: boolean };

/** Adds to an open lease; `open` is false when the lease was closed meanwhile (reclaimed as expired). */
export async function topUpLease(teamId: string, leaseId: string, grant: LeaseGrant): Promise<TopUp> {
  const values = [teamId, leaseId, ...grantValues(grant)];
  const { rows } = await pgPool().query<{ granted: string | null; balance: string | null; charged: string | null; open: boolean }>({
    name: "tollgate_lease_top_up",
    text: TOP_UP,
    values,
  });
  const row = rows[0]!;
  return { granted: BigInt(row.granted ?? 0), snapshot: snapshotOf(row), open: row.open };
}

function grantValues({ want, unit, minimum, share, ttlMs }: LeaseGrant) {
  return [want.toString(), unit.toString(), minimum.toString(), share.toString(), ttlMs];
}

/** A call spent from a lease, as its ledger row and open call will record it. */
export type LeasedCharge = {
  requestId: string;
  /** what the call costs: its price or reservation, or once it was closed in the lease, its exact cost */
  price: bigint;
  apiId: string;
  keyId: string;
  apiKeyId: string;
  method: string;
  path: string;
  instanceId: string;
  /** a reservation, settled when the call ends: a lease holds its row back a while for that close (team-lease.ts) */
  settlesLater?: boolean;
  /** set when the call was refunded or settled before its row was written (team-lease.ts closePending) */
  closed?: LeasedClose;
};

/** A refund or settle made in the lease: written as the settlement claim a close statement would make. */
export type LeasedClose = { outcome: "SETTLED" | "REFUNDED"; reserved: bigint };

// $1 team, $2 lease, $3 ttl, then the calls as arrays. The team row is locked first; the lease pays
// when it is still open. When it is not (it expired and another instance reclaimed it while this one
// stalled), the calls were answered all the same: the balance pays them, even below zero, and their
// ledger rows say so. Each call also gets its open_calls row, as a charge statement writes it, so the
// usage batch that records the call closes it and a crash leaves it to the reconciler.
//
// A call refunded or settled while it waited for this write (an AI call that ended within the
// linger, team-lease.ts) comes with its exact cost as its price and its close: its ledger row
// charges that cost, nothing when it is zero, and its claim in call_settlements is written here, so
// any later close of the request id finds it closed, as after a close statement.
//
// The open_calls insert is also what makes a retry harmless: a batch retried after its first attempt
// committed unseen (the connection broke before the answer) finds its calls' rows there (the usage
// rows that would close them wait for this write), so they conflict and only the calls inserted now
// (RETURNING) are charged. A conflict is found through the primary key's index; an anti-join against
// open_calls instead planned, as a prepared statement, a scan of the whole table (a queue, full of
// dead rows between vacuums) on every write.
const WRITE_CHARGES = `
WITH locked AS (
  SELECT balance FROM teams WHERE id = $1 FOR NO KEY UPDATE
), input AS (
  SELECT * FROM unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[])
    AS c("requestId", price, "apiId", "keyId", "apiKeyId", method, path, "instanceId", outcome, reserved)
), calls AS (
  INSERT INTO open_calls ("requestId", "teamId", "apiId", "capKeyId", "apiKeyId", charged, "instanceId", method, path)
  SELECT c."requestId", $1, c."apiId", c."keyId", c."apiKeyId", c.price, c."instanceId", c.method, c.path
  FROM input c
  WHERE EXISTS (SELECT 1 FROM locked)
  ON CONFLICT ("requestId") DO NOTHING
  RETURNING "requestId", charged AS price, "apiId"
), claimed AS (
  INSERT INTO call_settlements ("requestId", "teamId", "apiId", "keyId", outcome, reserved, actual)
  SELECT c."requestId", $1, c."apiId", c."keyId", c.outcome::"CallOutcome", c.reserved, c.price
  FROM input c WHERE c.outcome IS NOT NULL AND c."requestId" IN (SELECT "requestId" FROM calls)
  ORDER BY c."requestId"
  ON CONFLICT ("requestId") DO NOTHING
), total AS (
  SELECT COALESCE(sum(price), 0) AS amount FROM calls
), lease AS (
  UPDATE credit_leases SET charged = charged + (SELECT amount FROM total), remaining = remaining - (SELECT amount FROM total),
         "expiresAt" = now() + make_interval(secs => $3::float8 / 1000)
  WHERE id = $2 AND "closedAt" IS NULL AND EXISTS (SELECT 1 FROM locked)
  RETURNING id, charged
), debited AS (
  UPDATE teams SET balance = balance - (SELECT amount FROM total),
         leased = leased - CASE WHEN EXISTS (SELECT 1 FROM lease) THEN (SELECT amount FROM total) ELSE 0 END
  WHERE id = $1
  RETURNING balance + (SELECT amount FROM total) AS before, balance
), entries AS (
  INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "balanceAfter", "requestId", "apiId", reason)
  SELECT gen_random_uuid()::text, $1, 'USAGE', -c.price, d.before - sum(c.price) OVER (ORDER BY c."requestId"), c."requestId", c."apiId",
         CASE WHEN EXISTS (SELECT 1 FROM lease) THEN NULL ELSE 'charged after its credit lease was reclaimed' END
  FROM calls c, debited d WHERE c.price <> 0
)
SELECT EXISTS (SELECT 1 FROM lease) AS "fromLease", (SELECT balance FROM debited)::text AS balance,
       (SELECT charged FROM lease)::text AS charged`;

export type WrittenCharges = { fromLease: boolean; snapshot: LeaseSnapshot | null };

/** Writes the ledger rows (open calls, and closes made in the lease) of calls already spent from it, and moves their total out of it. */
export async function writeLeaseCharges(teamId: string, leaseId: string, ttlMs: number, charges: LeasedCharge[]): Promise<WrittenCharges> {
  const column = (pick: (charge: LeasedCharge) => string) => charges.map(pick);
  const values = [
    teamId,
    leaseId,
    ttlMs,
    column((charge) => charge.requestId),
    column((charge) => charge.price.toString()),
    column((charge) => charge.apiId),
    column((charge) => charge.keyId),
    column((charge) => charge.apiKeyId),
    column((charge) => charge.method),
    column((charge) => charge.path),
    column((charge) => charge.instanceId),
    charges.map((charge) => charge.closed?.outcome ?? null),
    charges.map((charge) => charge.closed?.reserved.toString() ?? null),
  ];
  const { rows } = await pgPool().query<{ fromLease: boolean; balance: string | null; charged: string | null }>({
    name: "tollgate_lease_charges",
    text: WRITE_CHARGES,
    values,
  });
  const row = rows[0]!;
  return { fromLease: row.fromLease, snapshot: snapshotOf(row) };
}

function snapshotOf(row: { balance: string | null; charged: string | null }): LeaseSnapshot | null {
  return row.balance === null || row.charged === null ? null : { balance: BigInt(row.balance), charged: BigInt(row.charged) };
}

// $1 team, $2 lease, $3 reason
const RETURN = `
WITH locked AS (
  SELECT 1 FROM teams WHERE id = $1 FOR NO KEY UPDATE
), closed AS (
  UPDATE credit_leases l SET returned = l.returned + l.remaining, remaining = 0, "closedAt" = now(), "closeReason" = $3
  FROM (SELECT id, remaining FROM credit_leases WHERE id = $2 AND "closedAt" IS NULL AND EXISTS (SELECT 1 FROM locked) FOR UPDATE) old
  WHERE l.id = old.id
  RETURNING old.remaining AS amount
), released AS (
  UPDATE teams SET leased = leased - (SELECT amount FROM closed) WHERE id = $1 AND EXISTS (SELECT 1 FROM closed)
)
SELECT (SELECT amount FROM closed)::text AS returned`;

/** Closes a lease, moving what is left of it back to the team's spendable credit; returns that amount. */
export async function returnLease(teamId: string, leaseId: string, reason: string): Promise<bigint> {
  const { rows } = await pgPool().query<{ returned: string | null }>({
    name: "tollgate_lease_return",
    text: RETURN,
    values: [teamId, leaseId, reason],
  });
  return BigInt(rows[0]?.returned ?? 0);
}

// Open leases past their expiry belong to an instance that died or stalled: closed, their remaining
// credit back with the teams. The teams are locked first, in id order, as every statement here does.
const RECLAIM = `
WITH expired_teams AS (
  SELECT id FROM teams WHERE id IN (SELECT "teamId" FROM credit_leases WHERE "closedAt" IS NULL AND "expiresAt" < now())
  ORDER BY id FOR NO KEY UPDATE
), old AS (
  SELECT id, "teamId", remaining FROM credit_leases
  WHERE "closedAt" IS NULL AND "expiresAt" < now() AND "teamId" IN (SELECT id FROM expired_teams) FOR UPDATE
), closed AS (
  UPDATE credit_leases l SET returned = l.returned + old.remaining, remaining = 0, "closedAt" = now(), "closeReason" = 'expired'
  FROM old WHERE l.id = old.id
  RETURNING old."teamId", old.remaining
), released AS (
  UPDATE teams t SET leased = t.leased - s.amount
  FROM (SELECT "teamId", sum(remaining) AS amount FROM closed GROUP BY "teamId") s WHERE t.id = s."teamId"
)
SELECT count(*)::int AS leases, COALESCE(sum(remaining), 0)::text AS amount FROM closed`;

/** Closes every expired lease of any instance; returns how many and the credit they gave back. */
export async function reclaimExpiredLeases(): Promise<{ leases: number; amount: bigint }> {
  const { rows } = await pgPool().query<{ leases: number; amount: string }>(RECLAIM);
  return { leases: rows[0]!.leases, amount: BigInt(rows[0]!.amount) };
}
