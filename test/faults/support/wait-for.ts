// Polls a condition every few milliseconds until it holds or the deadline passes: fault tests
// await events (a retry, a recovery) instead of sleeping a fixed time.

type WaitOptions = { timeoutMs: number; intervalMs?: number; what: string };

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs, intervalMs = 20, what }: WaitOptions,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (performance.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
