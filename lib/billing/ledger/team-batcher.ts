// Group commit per team, shared by the charge and the close statements: the requests of a team that
// arrive while one of the team's statements is running are made together by the next one. Every such
// statement locks the team's one balance row, so they run one after another anyway; one statement
// for N requests holds that lock, commits and round-trips once instead of N times. Nothing waits on
// a timer: a lone request runs at once. A batch whose database is away fails the requests waiting
// behind it at once too, instead of one timeout after another.

/** Beyond this many waiting requests, the rest go in the next statement. */
const MAX_BATCH = 256;

export type Waiting<Request, Result> = { request: Request; resolve: (result: Result) => void; reject: (error: unknown) => void };

/**
 * Answers every request of a batch (resolve or reject each); returns the database outage that failed
 * them, if one did, so that those waiting behind hear of it at once. Never throws.
 */
export type SettleBatch<Request, Result> = (batch: Waiting<Request, Result>[]) => Promise<{ error: unknown } | null>;

type Lane<Request, Result> = { waiting: Waiting<Request, Result>[] };

export type TeamBatcher<Request, Result> = (teamId: string, request: Request) => Promise<Result>;

/**
 * A batcher keyed by team. `name` keeps one set of lanes per process across bundle copies of the
 * calling module; another instance's statements meet this one's on the row lock, as before.
 */
export function teamBatcher<Request, Result>(name: string, settle: SettleBatch<Request, Result>): TeamBatcher<Request, Result> {
  const holder = globalThis as typeof globalThis & { __tollgateTeamLanes?: Map<string, Map<string, Lane<Request, Result>>> };
  const all = (holder.__tollgateTeamLanes ??= new Map());
  let lanes = all.get(name);
  if (!lanes) all.set(name, (lanes = new Map()));
  const teamLanes = lanes;

  function submit(teamId: string, request: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      const waiting = { request, resolve, reject };
      const lane = teamLanes.get(teamId);
      if (lane) return void lane.waiting.push(waiting);
      const started: Lane<Request, Result> = { waiting: [] };
      teamLanes.set(teamId, started);
      void drive(teamId, started, [waiting]);
    });
  }

  /** Runs the lane's statements one after another until nobody waits, then closes the lane. */
  async function drive(teamId: string, lane: Lane<Request, Result>, first: Waiting<Request, Result>[]) {
    let batch = first;
    try {
      while (batch.length > 0) {
        const outage = await settle(batch);
        // Those waiting would wait for the same outage, one timeout after another: they get it now.
        if (outage) for (const waiting of lane.waiting.splice(0)) waiting.reject(outage.error);
        batch = lane.waiting.splice(0, MAX_BATCH);
      }
    } finally {
      teamLanes.delete(teamId);
      // settle never throws, so only a bug could leave anyone here; they get a lane of their own.
      for (const waiting of lane.waiting.splice(0)) submit(teamId, waiting.request).then(waiting.resolve, waiting.reject);
    }
  }

  return submit;
}
