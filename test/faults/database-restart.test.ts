// PostgreSQL restarts under load (`pg_ctl restart -m fast` on a cluster of this file's own): the
// statements in flight are cut off, new connections are refused until it is up again. Callers get
// a quick 503 service_unavailable, nothing is forwarded uncharged, a charge whose statement was cut
// off is refunded, usage is complete, and the gateway recovers without a restart of its own.
import { describe, it } from "vitest";
import { FAULT_TIMEOUTS, REFUSAL_BOUND_MS, useFaultCluster } from "./support/fault-suite";
import { faultUnderLoad } from "./support/fault-under-load";
import { waitFor } from "./support/wait-for";

const suite = useFaultCluster({ ...FAULT_TIMEOUTS, DATABASE_POOL_SIZE: "6" }, { upstream: true });

describe("PostgreSQL restarted under load", () => {
  it("refuses calls with a quick 503 while it restarts, forwards nothing uncharged and recovers by itself", async () => {
    const summary = await faultUnderLoad({
      upstream: suite.upstream,
      refusalBoundMs: REFUSAL_BOUND_MS,
      async fault(load) {
        const refusedBefore = load.count(503);
        await suite.cluster.restart();
        await waitFor(() => load.count(503) > refusedBefore, { timeoutMs: 5_000, what: "a call refused during the restart" });
      },
    });
    console.info(`[faults] restarted: ${summary}`);
  }, 50_000);
});
