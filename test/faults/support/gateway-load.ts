// Steady load on one metered API for fault tests: a few callers in a loop through the gateway's
// handler, each call's status, problem code, Retry-After and duration kept for the checks.
import { callGateway } from "../../support/gateway-factories";

export type CallOutcome = {
  requestId: string;
  status: number;
  code: string | null;
  contentType: string | null;
  retryAfter: string | null;
  /** when the call began and how long it took (performance.now() milliseconds) */
  at: number;
  ms: number;
};

export type Load = {
  outcomes: CallOutcome[];
  /** calls with this status that began at or after `since` */
  count(status: number, since?: number): number;
  stop(): Promise<CallOutcome[]>;
};

export function startLoad(slug: string, key: string, callers: number): Load {
  const outcomes: CallOutcome[] = [];
  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      const at = performance.now();
      const response = await callGateway(slug, "/echo", { key });
      const text = await response.text();
      const contentType = response.headers.get("content-type");
      const code = contentType === "application/problem+json" ? (JSON.parse(text) as { code: string }).code : null;
      outcomes.push({
        requestId: response.headers.get("x-request-id") ?? "",
        status: response.status,
        code,
        contentType,
        retryAfter: response.headers.get("retry-after"),
        at,
        ms: performance.now() - at,
      });
    }
  };
  const running = Promise.all(Array.from({ length: callers }, loop));
  return {
    outcomes,
    count: (status, since = 0) => outcomes.filter((outcome) => outcome.status === status && outcome.at >= since).length,
    async stop() {
      stopping = true;
      await running;
      return outcomes;
    },
  };
}
