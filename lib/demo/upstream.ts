// The demo upstream that the seeded Demo API forwards to: a tiny router over plain Fetch API objects
// (no Next.js imports), mounted at /api/demo/[...path].
import { STATUS_CODES } from "node:http";
import { echo } from "@/lib/demo/echo";
import { DEMO_QUOTES, randomQuote } from "@/lib/demo/quotes";
import { json, problem } from "@/lib/demo/responses";
import { delay, stream } from "@/lib/demo/timing";

type Handler = (request: Request, path: readonly string[]) => Response | Promise<Response>;
type Route = { methods: "any" | readonly string[]; handle: Handler };

const READ_ONLY = ["GET", "HEAD"] as const;

function route(path: readonly string[]): Route | undefined {
  const [first, ...rest] = path;
  if (first === "echo") return { methods: "any", handle: echo };
  if (first === "status" && rest.length === 1) return { methods: "any", handle: (_request, p) => status(p[1]) };
  if (rest.length > 0) return undefined;
  if (first === "quote") return { methods: READ_ONLY, handle: quote };
  if (first === "stream") return { methods: READ_ONLY, handle: stream };
  if (first === "delay") return { methods: READ_ONLY, handle: delay };
  return undefined;
}

/** `path` is the part after /api/demo, one decoded segment per element. */
export async function handleDemoRequest(request: Request, path: readonly string[]): Promise<Response> {
  const found = route(path);
  if (!found) {
    return problem(404, "Not Found", `The demo API has no /${path.join("/")}. Try /echo, /quote, /status/{code}, /stream or /delay.`);
  }
  if (found.methods !== "any" && !found.methods.includes(request.method)) {
    const allow = [...found.methods, "OPTIONS"].join(", ");
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: { allow } });
    return problem(405, "Method Not Allowed", `/${path.join("/")} accepts ${allow}.`, { allow });
  }
  return found.handle(request, path);
}

function quote(request: Request): Response {
  const raw = new URL(request.url).searchParams.get("id");
  if (raw === null || raw === "") return json(randomQuote());
  const picked = /^\d+$/.test(raw) ? DEMO_QUOTES.find((candidate) => candidate.id === Number(raw)) : undefined;
  if (!picked) return problem(404, "Not Found", `There is no quote ${raw}; ids run from 1 to ${DEMO_QUOTES.length}.`);
  return json(picked);
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function status(raw: string): Response {
  const code = /^\d{3}$/.test(raw) ? Number(raw) : NaN;
  if (!(code >= 100 && code <= 599)) return problem(400, "Bad Request", `"${raw}" is not an HTTP status code (100-599).`);
  // A 1xx cannot be the final answer to a request: the Fetch API (and HTTP) refuse it.
  if (code < 200) return problem(400, "Bad Request", `${code} is informational and cannot be sent as a final response; try 200-599.`);
  const reason = STATUS_CODES[code] ?? "Unknown Status";
  if (NULL_BODY_STATUSES.has(code)) return new Response(null, { status: code, headers: { "cache-control": "no-store" } });
  return json({ status: code, reason }, code);
}
