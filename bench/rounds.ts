// Targets measured in alternating rounds (gateway, bare proxy, gateway, bare proxy…), so that a
// change in the machine's load during the run (other processes, CPU frequency, PostgreSQL's
// checkpoints) falls on both alike. Each target is warmed up once; every round then sends a fixed
// number of requests sized from that target's last rate to last about `seconds`. The figure of a
// target is its median round, for every target the same way.
import { amountFor, runFixed, warmUp, type LoadSettings, type RunSummary, type Target, type Tally } from "./load";
import type { ChildGroup } from "@/scripts/lib/app-instances";

export type Contender = { target: Target; tally?: Tally; label: string };

/** Runs per contender, in the order measured. `log` hears each round as it ends. */
export async function alternate(
  contenders: Contender[],
  settings: LoadSettings,
  rounds: number,
  children: ChildGroup,
  log: (message: string) => void,
): Promise<RunSummary[][]> {
  const amounts: number[] = [];
  for (const { target, tally } of contenders) {
    const warmup = await warmUp(target, settings, children, tally);
    amounts.push(amountFor(warmup.requestsPerSecond, settings.seconds, settings.connections));
  }
  const runs: RunSummary[][] = contenders.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    for (const [index, { target, tally, label }] of contenders.entries()) {
      const run = await runFixed(target, settings, amounts[index]!, children, tally);
      runs[index]!.push(run);
      amounts[index] = amountFor(run.requestsPerSecond, settings.seconds, settings.connections);
      log(
        `  round ${round}, ${label}: ${run.requestsPerSecond.toFixed(0)} req/s (${run.completed} requests in ${run.seconds.toFixed(1)} s)`,
      );
    }
  }
  return runs;
}

/** The middle run by rate; of an even number, the slower of the two middle ones. */
export function medianRun(runs: RunSummary[]): RunSummary {
  if (runs.length === 0) throw new Error("no runs to take the median of");
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** `a` over `b` in requests per second, to three decimals. */
export const rateRatio = (a: RunSummary, b: RunSummary) => Number((a.requestsPerSecond / b.requestsPerSecond).toFixed(3));
