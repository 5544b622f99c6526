// open_calls works as a queue: every charge inserts its call's row and the usage batch that records
// the call deletes it moments later. Its dead rows pile up until a VACUUM, and autovacuum visits a
// database about once a minute: at a few thousand calls a second that is over 100,000 dead rows,
// which every charge statement (its open-call lookup) and every usage batch (its delete) wades
// through. Measured on this table: after 75,000 calls, 15 MB of dead rows made a usage batch of 500
// 60% slower and a lease write of 50 calls 75% slower. So the usage writer, which closes the open
// calls, vacuums the table itself after every `everyClosed` calls it recorded: one VACUUM at a time
// per process, SKIP_LOCKED so an instance skips its turn while another one vacuums. A database role
// that may not vacuum the table (it does not own it) gets one warning, and the table is left to
// autovacuum.
import { pgPool } from "@/lib/db";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("usage");

type VacuumState = { everyClosed: number; closedSince: number; running: Promise<void> | null; refused: boolean };

const state: VacuumState = { everyClosed: 20_000, closedSince: 0, running: null, refused: false };

/** Tests vacuum after fewer calls. */
export function configureOpenCallVacuum(settings: { everyClosed: number }): void {
  state.everyClosed = settings.everyClosed;
  state.closedSince = 0;
}

/** `count` calls were recorded (their open calls, if any, closed): vacuums when enough have been. */
export function noteClosedCalls(count: number): void {
  state.closedSince += count;
  if (state.closedSince < state.everyClosed || state.running || state.refused) return;
  state.closedSince = 0;
  state.running = pgPool()
    .query("VACUUM (SKIP_LOCKED) open_calls")
    .then(
      () => {},
      (error: Error & { code?: string }) => {
        // 42501: insufficient privilege (the role does not own the table); autovacuum still runs.
        if (error.code === "42501") state.refused = true;
        log.warn({ err: error }, "could not vacuum open_calls; autovacuum will");
      },
    )
    .finally(() => (state.running = null));
}

/** Resolves when no vacuum of open_calls is running (tests, shutdown). */
export async function openCallVacuumSettled(): Promise<void> {
  await state.running;
}
