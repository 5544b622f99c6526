// The process's one Prometheus registry (prom-client), with Node's process metrics. It lives on
// globalThis: Next.js bundles routes separately and reloads modules in development, and every copy
// must count into the same metrics, so a metric is looked up by name before it is created, and the
// other state of lib/metrics is kept per process the same way (`shared`).
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from "prom-client";

type Holder = typeof globalThis & { __tollgateMetrics?: { registry: Registry; shared: Map<string, unknown> } };
const holder = globalThis as Holder;
const state = (holder.__tollgateMetrics ??= { registry: newRegistry(), shared: new Map() });

export const registry: Registry = state.registry;

function newRegistry(): Registry {
  const created = new Registry();
  collectDefaultMetrics({ register: created });
  return created;
}

/** One object per process under `name`, made by the first caller whichever bundle it is in. */
export function shared<T>(name: string, create: () => T): T {
  if (!state.shared.has(name)) state.shared.set(name, create());
  return state.shared.get(name) as T;
}

type Config<C> = Omit<C, "registers">;

export function counter<L extends string>(config: Config<CounterConfiguration<L>>): Counter<L> {
  return (registry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter({ ...config, registers: [registry] });
}

export function gauge<L extends string>(config: Config<GaugeConfiguration<L>>): Gauge<L> {
  return (registry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge({ ...config, registers: [registry] });
}

export function histogram<L extends string>(config: Config<HistogramConfiguration<L>>): Histogram<L> {
  return (registry.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram({ ...config, registers: [registry] });
}
