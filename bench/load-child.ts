// One autocannon run in a process of its own, forked by bench/load.ts: the load generator shares the
// machine's cores with the app, and a separate process keeps it off the bench's own event loop.
// Receives a LoadJob over IPC, answers with a RunSummary and exits.
import autocannon from "autocannon";
import type { LoadJob, RunSummary } from "./load";

/** Requests that each carry the next key of `keys`, round-robin over all connections. */
function rotatingKeys(keys: string[]): autocannon.Request[] {
  let next = 0;
  const setupRequest = (request: autocannon.Request) => {
    request.headers = { ...request.headers, authorization: `Bearer ${keys[next++ % keys.length]}` };
    return request;
  };
  return [{ setupRequest }];
}

process.once("message", (job: LoadJob) => {
  const started = performance.now();
  let lastResponseAt = started;
  const instance = autocannon(
    {
      // autocannon spreads the connections equally over several URLs (its README; its types say string)
      url: job.url as string,
      headers: job.headers,
      method: (job.method ?? "GET") as "GET",
      body: job.body,
      connections: job.connections,
      pipelining: job.pipelining,
      amount: job.amount,
      ...(job.keys && { requests: rotatingKeys(job.keys) }),
    },
    (error, result) => {
      if (error) throw error;
      // autocannon only notices the end at its next one-second tick: time the run up to the last
      // response instead, or short runs would look slower than they were.
      const seconds = (lastResponseAt - started) / 1000;
      const completed = result["2xx"] + result.non2xx;
      const summary: RunSummary = {
        completed,
        ok: result["2xx"],
        non2xx: result.non2xx,
        errors: result.errors,
        seconds,
        requestsPerSecond: completed / seconds,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0])),
      };
      process.send!(summary, () => process.exit(0));
    },
  );
  instance.on("response", () => {
    lastResponseAt = performance.now();
  });
});
process.on("disconnect", () => process.exit(1)); // the bench is gone
