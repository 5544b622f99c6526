// Two app processes on one database, the way Tollgate scales out (docs/architecture.md "Scale"),
// with the load's connections split equally between them: (m1) every call on one hot team, whose
// single balance row both processes contend for; (m2) the calls spread round-robin over 1,000 teams,
// a key each. Then both processes stop with SIGTERM (returning their credit leases and writing their
// last usage) and the ledger is checked from the database: every team's invariant, no lease left
// open, and each phase's teams charged exactly the price of each 2xx answer, warm-ups included.
import { measure, newTally, type LoadSettings } from "./load";
import { chargeProblems, invariantProblems, invariantViolations, leasesTaken, ledgerCredit, openLeases } from "./ledger-check";
import { BENCH_SLUG, seedTeams, type BenchSeed } from "./seed";
import type { LedgerFigures, MultiEntry } from "./report";
import type { ChildGroup } from "@/scripts/lib/app-instances";

export const MANY_TEAMS = 1_000;

export type MultiOptions = {
  apps: string[];
  /** SIGTERM to every app process; resolves once all have exited */
  stopApps: () => Promise<void>;
  seed: BenchSeed;
  settings: LoadSettings;
  children: ChildGroup;
  log: (message: string) => void;
};

/** The two phases, the stop and the checks; `problems` is empty when every check passed. */
export async function measureMulti(options: MultiOptions): Promise<{ entry: MultiEntry; problems: string[] }> {
  const { apps, stopApps, seed, settings, children, log } = options;
  const hot = await seedTeams(1, "bench-hot", seed);
  const many = await seedTeams(MANY_TEAMS, "bench-many", seed);
  const before = { hot: await ledgerCredit(hot.teamIds), many: await ledgerCredit(many.teamIds) };
  const urls = apps.map((app) => `${app}/api/gateway/${BENCH_SLUG}/ping`);
  const tallies = { hot: newTally(), many: newTally() };

  log(`(m1) ${apps.length} app processes, one hot team…`);
  const hotTeam = await measure({ url: urls, headers: { authorization: `Bearer ${hot.keys[0]}` } }, settings, children, tallies.hot);
  log(`(m2) ${apps.length} app processes, ${MANY_TEAMS.toLocaleString("en")} teams…`);
  const manyTeams = await measure({ url: urls, keys: many.keys }, settings, children, tallies.many);

  log("stopping both app processes (SIGTERM: they return their leases and write their last usage)…");
  await stopApps();
  const charged = { hot: before.hot - (await ledgerCredit(hot.teamIds)), many: before.many - (await ledgerCredit(many.teamIds)) };
  const everyTeam = await invariantViolations(); // the bench team and the AI calls' too
  const leftOpen = await openLeases();
  const problems = [
    ...chargeProblems("(m1) one hot team", { charged: charged.hot, price: seed.price, tally: tallies.hot }),
    ...chargeProblems(`(m2) ${MANY_TEAMS} teams`, { charged: charged.many, price: seed.price, tally: tallies.many }),
    ...invariantProblems("every team after both processes stopped", everyTeam),
    ...(leftOpen > 0 ? [`${leftOpen} credit leases are still open after both processes stopped`] : []),
  ];
  const leases = { hot: await leasesTaken(hot.teamIds), many: await leasesTaken(many.teamIds) };
  const figures = (teams: number, phase: "hot" | "many"): LedgerFigures => ({
    teams,
    calls: tallies[phase].ok,
    charged: charged[phase],
    leasesTaken: leases[phase],
  });
  console.log(
    `ledger after both processes stopped: (m1) ${tallies.hot.ok} 2xx charged ${charged.hot}, ${leases.hot} leases taken; ` +
      `(m2) ${tallies.many.ok} 2xx over ${MANY_TEAMS} teams charged ${charged.many}, ${leases.many} leases taken (price ${seed.price} each); ` +
      `invariant broken for ${everyTeam.length} teams; ${leftOpen} leases open`,
  );
  return {
    entry: {
      processes: apps.length,
      teams: MANY_TEAMS,
      hotTeam,
      manyTeams,
      ledger: { hotTeam: figures(1, "hot"), manyTeams: figures(MANY_TEAMS, "many") },
    },
    problems,
  };
}
