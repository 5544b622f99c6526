// Whether a gateway call's charge is in the ledger. Asked after the database went away while the
// charge statement ran, and only once the server process that had the statement is gone
// (lib/db.ts endStatementBackend), so the answer can no longer change.
import { pgPool } from "@/lib/db";

// The (teamId, createdAt) index bounds the scan to the team's rows written since the call began.
const FIND = `
SELECT EXISTS (
  SELECT 1 FROM credit_ledger_entries
  WHERE "teamId" = $1 AND "createdAt" >= LOCALTIMESTAMP - make_interval(secs => $3::float8) AND "requestId" = $2 AND kind = 'USAGE'
) AS charged`;

/** `withinSeconds`: how long ago the call began, with a margin (the database's clock is the reference). */
export async function hasUsageCharge(teamId: string, requestId: string, withinSeconds: number): Promise<boolean> {
  const { rows } = await pgPool().query<{ charged: boolean }>(FIND, [teamId, requestId, withinSeconds]);
  return rows[0]?.charged === true;
}
