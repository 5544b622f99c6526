// Counters whose hot path is one addition. prom-client's labelled `inc` builds a key string from the
// labels on every call; here each label set gets a cell once (`cell(...)`, kept by the caller),
// the call adds to the cell, and the sums move into the prom-client counter when it is scraped.
import type { Counter } from "prom-client";
import { counter, shared } from "@/lib/metrics/registry";

export type CounterCell = { value: number };

type Cell = CounterCell & { labels: Record<string, string> };

export class FastCounter<L extends string> {
  private readonly cells: Cell[] = [];
  private readonly metric: Counter<L>;

  constructor(
    name: string,
    help: string,
    private readonly labelNames: readonly L[],
  ) {
    const flush = () => this.flush();
    this.metric = counter<L>({ name, help, labelNames, collect: flush });
  }

  /** The cell of one label set (values in the order of the label names); it shows as 0 until counted. */
  cell(...values: string[]): CounterCell {
    const labels = Object.fromEntries(this.labelNames.map((label, i) => [label, values[i] ?? ""]));
    const cell: Cell = { labels, value: 0 };
    this.metric.inc(labels as Partial<Record<L, string>>, 0);
    this.cells.push(cell);
    return cell;
  }

  private flush(): void {
    for (const cell of this.cells) {
      if (cell.value === 0) continue;
      this.metric.inc(cell.labels as Partial<Record<L, string>>, cell.value);
      cell.value = 0;
    }
  }
}

/** The process's FastCounter of `name` (one per process, so every bundle's cells are flushed). */
export function fastCounter<L extends string>(name: string, help: string, labelNames: readonly L[]): FastCounter<L> {
  return shared(`fast-counter:${name}`, () => new FastCounter(name, help, labelNames));
}
