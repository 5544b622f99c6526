// Small response helpers for the demo upstream. Framework-free: plain Fetch API Request/Response.

const NO_STORE = { "cache-control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...NO_STORE, ...headers } });
}

/** RFC 9457 problem details; the demo is a stand-in for an external upstream, so `type` is about:blank. */
export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail }), {
    status,
    headers: { "content-type": "application/problem+json", ...NO_STORE, ...headers },
  });
}

/**
 * An integer query parameter within [min, max]; the default when absent or empty.
 * Returns a 400 problem when the value is not an integer in range.
 */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number | Response {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return problem(400, "Bad Request", `Query parameter "${name}" must be an integer from ${min} to ${max}.`);
  }
  return value;
}

/** Resolves after `ms`, or early (with false) when `signal` aborts. Never leaves a timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
