// Usage must survive a clean shutdown. On SIGTERM Next.js stops accepting connections, waits for
// the responses in flight to finish (each records its usage event as it ends) and then calls
// process.exit. Wrapping process.exit once lets the last batch reach the database first; the wait
// is bounded so a database that is down cannot hold the process forever.
import { flushUsage, hasPendingUsage } from "@/lib/gateway/usage-recorder";
import { hasOpenLeases, returnAllLeases } from "@/lib/billing/ledger/leases/credit-leases";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("usage");

const FLUSH_TIMEOUT_MS = 10_000;

export function flushUsageBeforeExit(): void {
  const marker = globalThis as typeof globalThis & { __tollgateExitWrapped?: boolean };
  if (marker.__tollgateExitWrapped) return;
  marker.__tollgateExitWrapped = true;

  const exit = process.exit.bind(process);
  let exiting = false;
  process.exit = ((code?: number | string | null) => {
    if (exiting || (!hasPendingUsage() && !hasOpenLeases())) return exit(code);
    exiting = true;
    const timeout = new Promise((resolve) => setTimeout(resolve, FLUSH_TIMEOUT_MS).unref());
    // Usage first (it writes the leased calls' charges before their usage rows), then the credit
    // leases go back to their teams: nothing of this instance's stays held after it.
    void Promise.race([flushUsage().then(() => returnAllLeases()), timeout])
      .catch((error) => log.error({ err: error }, "final usage flush failed"))
      .finally(() => exit(code));
    return undefined as never;
  }) as typeof process.exit;
}
