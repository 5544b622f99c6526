// After usage has been written, the teams whose balance just fell are checked against their
// thresholds (low-balance alert, auto-recharge). Runs off the gateway's hot path, once per batch.
// No Next.js imports: lib/gateway reaches this file.
import { checkLowBalance } from "@/lib/billing/alerts/check-low-balance";
import { startAutoRecharges } from "@/lib/billing/auto-recharge/start-auto-recharges";
import { ensureWebhookTimer, settleWebhookDeliveries } from "@/lib/notifications/delivery-worker";

// On globalThis like the usage recorder: one set of running watches per process.
const globalWatch = globalThis as typeof globalThis & { __tollgateBalanceWatch?: Set<Promise<void>> };
const running: Set<Promise<void>> = (globalWatch.__tollgateBalanceWatch ??= new Set());

async function watch(teamIds: string[]): Promise<void> {
  ensureWebhookTimer();
  // Recharge first: the card is charged as early as possible; the alert still tells people.
  await startAutoRecharges(teamIds);
  await checkLowBalance(teamIds);
}

export function watchBalances(teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return Promise.resolve();
  const work = watch(teamIds);
  const tracked = work.catch(() => undefined).finally(() => running.delete(tracked));
  running.add(tracked);
  return work;
}

/** Resolves when every watch started so far, and the webhook deliveries it queued, have finished. */
export async function settleBalanceWatch(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
  await settleWebhookDeliveries();
}
