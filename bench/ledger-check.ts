// The bench's money checks, read from the database. The ledger invariant of docs/architecture.md
// ("Money"): a team's balance equals the sum of its ledger. With credit leases (issue 16; schema of
// be77421) the balance still moves only with ledger rows: a lease holds a part of it, counted in
// `teams.leased`, which must equal the `remaining` of the team's open leases. Leases may not exist
// in a database yet: that term is checked only when the table `credit_leases` does (to_regclass), so
// the bench runs on databases from before and after it landed.
import { db, type PrismaClient } from "@/lib/db";
import type { Tally } from "./load";

type Client = Pick<PrismaClient, "$queryRawUnsafe">;
export type InvariantViolation = { teamId: string; balance: bigint; ledger: bigint; leased: bigint; openLeasesRemaining: bigint };

export async function leasesExist(client: Client = db): Promise<boolean> {
  const [row] = await client.$queryRawUnsafe<{ present: boolean }[]>("SELECT to_regclass('credit_leases') IS NOT NULL AS present");
  return row!.present;
}

/** Teams (of `teamIds`, or all) whose balance differs from their ledger's sum, or whose leased credit from their open leases. */
export async function invariantViolations(teamIds?: string[], client: Client = db): Promise<InvariantViolation[]> {
  const withLeases = await leasesExist(client);
  const leases = withLeases
    ? `SELECT "teamId", sum(remaining)::bigint AS remaining FROM credit_leases WHERE "closedAt" IS NULL GROUP BY "teamId"`
    : `SELECT NULL::text AS "teamId", 0::bigint AS remaining WHERE false`;
  const leased = withLeases ? "t.leased" : "0::bigint";
  return client.$queryRawUnsafe<InvariantViolation[]>(
    `SELECT t.id AS "teamId", t.balance, coalesce(l.total, 0)::bigint AS ledger, ${leased} AS leased,
            coalesce(o.remaining, 0)::bigint AS "openLeasesRemaining"
       FROM teams t
       LEFT JOIN (SELECT "teamId", sum(amount) AS total FROM credit_ledger_entries GROUP BY "teamId") l ON l."teamId" = t.id
       LEFT JOIN (${leases}) o ON o."teamId" = t.id
      WHERE ($1::text[] IS NULL OR t.id = ANY($1::text[]))
        AND (t.balance <> coalesce(l.total, 0) OR ${leased} <> coalesce(o.remaining, 0))
      ORDER BY t.id`,
    teamIds ?? null,
  );
}

/** Leases still open (0 before the table exists): none may be left once every app process has stopped. */
export async function openLeases(client: Client = db): Promise<number> {
  if (!(await leasesExist(client))) return 0;
  const [row] = await client.$queryRawUnsafe<{ open: number }[]>(
    `SELECT count(*)::int AS open FROM credit_leases WHERE "closedAt" IS NULL`,
  );
  return row!.open;
}

/** Leases these teams ever took (0 before the table exists): whether a run went through credit leases at all. */
export async function leasesTaken(teamIds: string[], client: Client = db): Promise<number> {
  if (!(await leasesExist(client))) return 0;
  const [row] = await client.$queryRawUnsafe<{ taken: number }[]>(
    `SELECT count(*)::int AS taken FROM credit_leases WHERE "teamId" = ANY($1::text[])`,
    teamIds,
  );
  return row!.taken;
}

/** The credit the ledger says these teams hold together, in micro-units. */
export async function ledgerCredit(teamIds: string[], client: Client = db): Promise<bigint> {
  const [row] = await client.$queryRawUnsafe<{ total: bigint }[]>(
    `SELECT coalesce(sum(amount), 0)::bigint AS total FROM credit_ledger_entries WHERE "teamId" = ANY($1::text[])`,
    teamIds,
  );
  return row!.total;
}

/**
 * The same, once it stops changing: a process that batches its ledger rows (credit leases) writes
 * the last calls' rows shortly after answering them. Unchanged over one second counts as settled.
 */
export async function settledLedgerCredit(teamIds: string[], client: Client = db): Promise<bigint> {
  let previous = await ledgerCredit(teamIds, client);
  for (let unchanged = 0, polls = 0; unchanged < 4 && polls < 60; polls++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = await ledgerCredit(teamIds, client);
    unchanged = current === previous ? unchanged + 1 : 0;
    previous = current;
  }
  return previous;
}

/** Answers that were not 2xx, and connection errors, in words (none when every answer was a 2xx). */
export function answerProblems(what: string, counts: Pick<Tally, "non2xx" | "errors" | "statusCodes">): string[] {
  return [
    ...(counts.non2xx > 0 ? [`${what}: ${counts.non2xx} non-2xx answers ${JSON.stringify(counts.statusCodes)}`] : []),
    ...(counts.errors > 0 ? [`${what}: ${counts.errors} connection errors`] : []),
  ];
}

/**
 * The problems of a metered load, in words (none when exact): every answer of `tally` (warm-ups
 * included) was a 2xx, and the teams were charged exactly `price` for each.
 */
export function chargeProblems(what: string, check: { charged: bigint; price: bigint; tally: Tally }): string[] {
  const { charged, price, tally } = check;
  const expected = price * BigInt(tally.ok);
  const exact = charged === expected ? [] : [`${what}: charged ${charged} micro-units, expected ${tally.ok} 2xx × ${price} = ${expected}`];
  return [...answerProblems(what, tally), ...exact];
}

/** The invariant's failures in words (none when it holds), the first few teams named. */
export function invariantProblems(what: string, violations: InvariantViolation[]): string[] {
  if (violations.length === 0) return [];
  const shown = violations
    .slice(0, 3)
    .map((v) => `team ${v.teamId}: balance ${v.balance}, ledger ${v.ledger}, leased ${v.leased}, open leases ${v.openLeasesRemaining}`)
    .join("; ");
  return [`${what}: the ledger invariant fails for ${violations.length} teams (${shown})`];
}
