// The pause before the next try after `failures` failed tries in a row of work that waits for the
// database (the usage writer, settling charges after an outage, writing leased charges): doubling from `firstMs` up to
// `maxMs`, ±10% so that instances do not retry in step.
export function retryPause(failures: number, firstMs = 500, maxMs = 10_000): number {
  const pause = Math.min(firstMs * 2 ** Math.max(failures - 1, 0), maxMs);
  return Math.round(pause * (0.9 + Math.random() * 0.2));
}
