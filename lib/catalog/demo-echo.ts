// Demo upstream ANY /echo[/anything]: answers with what it received, to show what the gateway forwarded.
import { json } from "@/lib/catalog/demo-responses";

export const ECHO_BODY_LIMIT = 64 * 1024;

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
  const { text, truncated } = await readTextPrefix(request, ECHO_BODY_LIMIT);
  return json({
    method: request.method,
    path: url.pathname,
    query,
    headers,
    body: text,
    bodyTruncated: truncated,
    receivedAt: new Date().toISOString(),
  });
}

/** Reads at most `limit` bytes of the body and cancels the rest, so a large upload costs bounded memory. */
async function readTextPrefix(request: Request, limit: number): Promise<{ text: string | null; truncated: boolean }> {
  if (!request.body) return { text: null, truncated: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      size = limit;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), truncated };
}
