// Runs the delivery worker: right after something was queued (kickWebhookDeliveries) and every
// 15 s from one unref'd timer per process, started lazily, so deliveries due for a retry go out
// even when nothing new happens. No Next.js imports: the gateway's usage recorder reaches this.
import { deliverDueWebhooks } from "@/lib/notifications/deliver-webhooks";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("notifications");

const INTERVAL_MS = 15_000;

type WorkerState = { timer: NodeJS.Timeout | null; running: Set<Promise<unknown>> };
const globalWorker = globalThis as typeof globalThis & { __tollgateWebhookWorker?: WorkerState };
const state: WorkerState = (globalWorker.__tollgateWebhookWorker ??= { timer: null, running: new Set() });

function track(work: Promise<unknown>): void {
  const tracked = work
    .catch((error) => log.error({ err: error }, "webhook delivery run failed"))
    .finally(() => state.running.delete(tracked));
  state.running.add(tracked);
}

export function ensureWebhookTimer(): void {
  if (state.timer) return;
  state.timer = setInterval(() => track(deliverDueWebhooks()), INTERVAL_MS);
  state.timer.unref();
}

/** Sends what is due now, in the background. */
export function kickWebhookDeliveries(): void {
  ensureWebhookTimer();
  track(deliverDueWebhooks());
}

/** Resolves when every delivery run started so far has finished (tests, shutdown). */
export async function settleWebhookDeliveries(): Promise<void> {
  while (state.running.size > 0) await Promise.allSettled([...state.running]);
}
