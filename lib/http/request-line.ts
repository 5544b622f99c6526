// Request lines refused before any routing, whatever they address. Next.js answered each of these
// with a 500 and a stack trace in the log: TRACE and TRACK (no web Request can carry them, and they
// would only echo a request back), a path whose percent-encoding is not UTF-8 (`/catalog/%ff`), and
// text PostgreSQL cannot store (`%00`) in a page's path or query, which pages pass to queries.
// Gateway calls keep their own path rules (lib/gateway/upstream-url.ts) and their query, which is
// the upstream's business and never stored.
import type { ServerResponse } from "node:http";
import { PROBLEM_CONTENT_TYPE, problemBody } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";
import { isStorableText } from "@/lib/validation";

const ECHO_METHODS = new Set(["TRACE", "TRACK"]);
const GATEWAY_PREFIX = "/api/gateway/";

/** What is wrong with the request line, for a 400's `detail`; null when nothing is. */
export function requestLineProblem(method: string | undefined, rawUrl: string | undefined): string | null {
  const upperMethod = (method ?? "GET").toUpperCase();
  if (ECHO_METHODS.has(upperMethod)) return `${upperMethod} is not supported: Tollgate never echoes a request back.`;
  const url = rawUrl ?? "/";
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (path.startsWith(GATEWAY_PREFIX)) return null;
  // Nothing encoded and no query (every AI gateway call): nothing to decode, and node's parser has
  // already refused a raw NUL. The common case, checked before any decoding.
  if (queryStart === -1 && path.indexOf("%") === -1) return null;
  const decodedPath = decodeOrNull(path);
  if (decodedPath === null) return "The path has a malformed percent-encoding (such as %ff): encode it as UTF-8.";
  const query = queryStart === -1 ? "" : url.slice(queryStart + 1);
  const values = [decodedPath, ...Array.from(new URLSearchParams(query)).flat()];
  return values.every(isStorableText) ? null : "The address contains a NUL character (%00), which no page accepts.";
}

function decodeOrNull(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** For the node:http server (scripts/serve.ts): answers 400 problem+json and returns true when refused. */
export function refuseRequestLine(method: string | undefined, rawUrl: string | undefined, res: ServerResponse): boolean {
  const problem = requestLineProblem(method, rawUrl);
  if (problem === null) return false;
  const requestId = newRequestId();
  res.writeHead(400, {
    "content-type": PROBLEM_CONTENT_TYPE,
    "x-request-id": requestId,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(JSON.stringify(problemBody("bad_request", problem, requestId)));
  return true;
}
