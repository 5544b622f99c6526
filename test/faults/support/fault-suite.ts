// The hooks every fault test file shares: its own cluster (DATABASE_URL and the given environment
// point the app at it before anything connects), a test upstream when asked, the cluster put back up
// after each test whatever it left behind, and everything stopped at the end.
import { afterAll, afterEach, beforeAll } from "vitest";
import { pgPool } from "@/lib/db";
import { startUpstream, type Upstream } from "../../support/upstream-server";
import { startFaultCluster, type FaultCluster } from "./fault-cluster";

/** Short database timeouts for fault tests, and the longest a refused call may take with them. */
export const FAULT_TIMEOUTS = { DATABASE_CONNECT_TIMEOUT_MS: "1000", DATABASE_STATEMENT_TIMEOUT_MS: "1000" };
/** a statement's read timeout (statement timeout + 1 s) is the longest wait; plus 1 s */
export const REFUSAL_BOUND_MS = 1000 + 1000 + 1000;

export function useFaultCluster(env: Record<string, string>, options: { upstream?: boolean } = {}) {
  const suite = {} as { cluster: FaultCluster; upstream: Upstream };
  beforeAll(async () => {
    suite.cluster = await startFaultCluster();
    Object.assign(process.env, { DATABASE_URL: suite.cluster.url, ...env });
    if (options.upstream) suite.upstream = await startUpstream();
  }, 60_000);
  afterEach(() => suite.cluster.ensureUp());
  afterAll(async () => {
    await suite.upstream?.close();
    await pgPool().end();
    await suite.cluster?.destroy();
  });
  return suite;
}
