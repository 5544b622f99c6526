// Demo upstream ANY /echo[/anything]: answers with what it received, to show what the gateway forwarded.
import { json } from "@/lib/demo/responses";
import { readLimited } from "@/lib/http/read-limited";

const ECHO_BODY_LIMIT = 64 * 1024;

// Cookies are dropped; credentials keep their name (so a leak stays visible) but not their value.
const DROPPED_HEADERS = new Set(["cookie"]);
const REDACTED_HEADERS = new Set(["authorization", "proxy-authorization", "x-api-key"]);

export async function echo(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (DROPPED_HEADERS.has(name)) return;
    headers[name] = REDACTED_HEADERS.has(name) ? "[redacted]" : value;
  });
  // At most ECHO_BODY_LIMIT bytes are read; the rest is cancelled, so a large upload costs bounded memory.
  const { bytes, truncated } = await readLimited(request.body, ECHO_BODY_LIMIT);
  return json({
    method: request.method,
    path: url.pathname,
    query,
    headers,
    body: request.body ? new TextDecoder().decode(bytes) : null,
    bodyTruncated: truncated,
    receivedAt: new Date().toISOString(),
  });
}
