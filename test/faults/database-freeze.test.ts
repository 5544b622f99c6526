// PostgreSQL stops answering under load: the postmaster and every process it started get SIGSTOP
// (a cluster of this file's own), then SIGCONT. Callers get 503 service_unavailable with
// Retry-After within the timeouts plus 1 s instead of hanging, the management API does the same,
// nothing is forwarded uncharged, no refused call stays charged, usage is complete, and the gateway
// recovers by itself.
import { describe, expect, it } from "vitest";
import * as balanceRoute from "@/app/api/v1/teams/[team]/balance/route";
import { GET as health } from "@/app/api/health/route";
import { call } from "../support/management-factories";
import { FAULT_TIMEOUTS, REFUSAL_BOUND_MS, useFaultCluster } from "./support/fault-suite";
import { faultUnderLoad } from "./support/fault-under-load";
import { waitFor } from "./support/wait-for";

const suite = useFaultCluster({ ...FAULT_TIMEOUTS, DATABASE_POOL_SIZE: "6" }, { upstream: true });

const timed = <T>(work: Promise<T>, since: number) => work.then((answer) => ({ answer, ms: performance.now() - since }));

describe("PostgreSQL frozen under load", () => {
  it("refuses calls with a quick 503 while frozen, forwards nothing uncharged and recovers when thawed", async () => {
    const summary = await faultUnderLoad({
      upstream: suite.upstream,
      refusalBoundMs: REFUSAL_BOUND_MS,
      async fault(load, team) {
        const frozenAt = performance.now();
        expect(suite.cluster.freeze().length).toBeGreaterThan(3); // the postmaster, its helpers and the pool's backends
        const path = `/api/v1/teams/${team.slug}/balance`;
        const management = timed(call(balanceRoute.GET, "GET", path, { params: { team: team.slug } }), frozenAt);
        const probe = timed(health(), frozenAt);
        await waitFor(() => load.count(503) >= 20 && performance.now() - frozenAt > REFUSAL_BOUND_MS, {
          timeoutMs: 15_000,
          what: "20 refused calls while frozen",
        });
        const { answer, ms } = await management;
        expect(answer).toMatchObject({ status: 503, body: { code: "service_unavailable" } });
        expect(answer.headers.get("retry-after")).toBe("5");
        expect(ms).toBeLessThan(REFUSAL_BOUND_MS);
        expect((await probe).answer.status).toBe(503);
        suite.cluster.thaw();
      },
    });
    console.info(`[faults] frozen: ${summary}`);
  }, 50_000);
});
