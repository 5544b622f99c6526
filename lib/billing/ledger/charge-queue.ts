// Group commit of charges across teams: the charges that arrive while the instance's charge
// statements are running wait here, and the next statement makes them together, whatever their
// teams (charge-batch.ts). Many teams that each call now and then (most of a platform's teams, and
// the bench's 1,000) paid a statement per call before, since only a team's own calls shared one;
// now a statement's fixed cost (its round trip, plan, commit) is shared by every call waiting.
//
// What stays as it was: nothing waits on a timer (a charge arriving while fewer than
// MAX_STATEMENTS run starts one at once), a team is in at most one running statement of this
// instance (its calls after that wait for the next, in order, as a team's own lane kept them), and
// a database outage fails those waiting at once instead of one timeout after another. A statement
// never waits for a team row another transaction holds (charge-batch.ts skips it): that team's
// calls are charged one by one after the statement, and its next calls wait for those, while the
// other teams' calls go on.
import type { Waiting } from "@/lib/billing/ledger/team-batcher";

/** Charge statements of one instance running at once: two cores' worth, and a batch grows meanwhile. */
const MAX_STATEMENTS = 2;
/** Beyond this many calls, the rest go in the next statement. */
const MAX_BATCH = 256;

type QueueState<Request, Result> = {
  waiting: Waiting<Request, Result>[];
  running: number;
  /** teams in a running statement: their next calls wait for it */
  busyTeams: Set<string>;
};

export type ChargeQueue<Request, Result> = (request: Request) => Promise<Result>;

/**
 * Answers every call of a batch, or starts to: the teams in `stillCharging` (their rows were held
 * elsewhere) are charged one by one after it returns, and stay out of new statements meanwhile.
 * Never throws.
 */
export type SettleChargeBatch<Request, Result> = (
  batch: Waiting<Request, Result>[],
) => Promise<{ outage: { error: unknown } | null; stillCharging: Map<string, Promise<void>> }>;

/**
 * A queue whose statements take the calls of any team. `name` keeps one queue per process across
 * bundle copies of the calling module; another instance's statements meet this one's on the team
 * rows, as before.
 */
export function chargeQueue<Request extends { teamId: string }, Result>(
  name: string,
  settle: SettleChargeBatch<Request, Result>,
): ChargeQueue<Request, Result> {
  const holder = globalThis as typeof globalThis & { __tollgateChargeQueues?: Map<string, QueueState<unknown, unknown>> };
  const all = (holder.__tollgateChargeQueues ??= new Map());
  let found = all.get(name) as QueueState<Request, Result> | undefined;
  if (!found) all.set(name, (found = { waiting: [], running: 0, busyTeams: new Set() }) as QueueState<unknown, unknown>);
  const state = found;

  function submit(request: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      state.waiting.push({ request, resolve, reject });
      pump();
    });
  }

  /** Starts statements while there is room and someone waits whose team is not in a running one. */
  function pump(): void {
    while (state.running < MAX_STATEMENTS) {
      const batch = take();
      if (batch.length === 0) return;
      void run(batch);
    }
  }

  /** The calls of the next statement, in arrival order; a team's calls stay in order as a team is taken whole or not at all. */
  function take(): Waiting<Request, Result>[] {
    const batch: Waiting<Request, Result>[] = [];
    const left: Waiting<Request, Result>[] = [];
    for (const waiting of state.waiting) {
      if (batch.length < MAX_BATCH && !state.busyTeams.has(waiting.request.teamId)) batch.push(waiting);
      else left.push(waiting);
    }
    state.waiting = left;
    return batch;
  }

  async function run(batch: Waiting<Request, Result>[]): Promise<void> {
    state.running += 1;
    const teams = new Set(batch.map((waiting) => waiting.request.teamId));
    for (const teamId of teams) state.busyTeams.add(teamId);
    let settled: Awaited<ReturnType<typeof settle>> | null = null;
    try {
      settled = await settle(batch);
    } finally {
      state.running -= 1;
      for (const teamId of teams) {
        const charging = settled?.stillCharging.get(teamId);
        if (!charging) state.busyTeams.delete(teamId);
        else
          void charging.finally(() => {
            state.busyTeams.delete(teamId);
            pump();
          });
      }
      // Those waiting would wait for the same outage, one timeout after another: they get it now.
      if (settled?.outage) for (const waiting of state.waiting.splice(0)) waiting.reject(settled.outage.error);
      pump();
    }
  }

  return submit;
}
