// Which headers cross the gateway. Hop-by-hop headers describe one connection and must not be
// forwarded (RFC 9110 §7.6.1); the caller's credentials and cookies are for us, never the upstream
// (cookies cross only for an API with relayCookies, scoped: lib/gateway/cookies.ts).
import { scopedSetCookie, upstreamCookieHeader, type CookieScope } from "@/lib/gateway/cookies";

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

// x-tollgate-peer is how serve.ts tells Next.js the socket address (lib/http/client-address.ts): ours alone.
// Expect: 100-continue is between the caller and us (node answers it); undici refuses to send one.
const CALLER_ONLY = new Set(["authorization", "x-api-key", "cookie", "host", "x-request-id", "forwarded", "x-tollgate-peer", "expect"]);

/**
 * A caller's request header the gateway never forwards: hop-by-hop, the caller's credentials and
 * cookies, and the forwarding headers it sets itself. `name` in lower case.
 */
export function isDroppedRequestHeader(name: string): boolean {
  return HOP_BY_HOP.has(name) || CALLER_ONLY.has(name) || name.startsWith("x-forwarded-");
}

/** Headers named in `Connection` are hop-by-hop too. */
const NOTHING_LISTED: ReadonlySet<string> = new Set();

function connectionListed(connection: string | null | undefined): ReadonlySet<string> {
  // Most upstreams say only `keep-alive`, itself hop-by-hop: no set to build per call.
  if (!connection || connection.toLowerCase() === "keep-alive") return NOTHING_LISTED;
  return new Set(
    (connection ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

type ForwardedFor = { clientIp: string | null; proto: string; host: string; requestId: string };

export type HeaderList = [name: string, value: string][];

/** Request headers for the upstream, from the caller's headers read once (`Array.from(headers)`). */
export function upstreamRequestHeaders(
  incoming: HeaderList,
  forwarded: ForwardedFor,
  credential: { header: string; value: string } | null,
  relayCookies = false,
): Record<string, string> {
  const out: Record<string, string> = {};
  let connection: string | undefined;
  let cookie: string | undefined;
  for (const [name, value] of incoming) {
    if (name === "connection") connection = value;
    else if (name === "cookie") cookie = value;
    if (isDroppedRequestHeader(name)) continue;
    out[name] = value;
  }
  if (connection) for (const name of connectionListed(connection)) delete out[name];
  const relayed = relayCookies && cookie ? upstreamCookieHeader(cookie) : null;
  if (relayed) out.cookie = relayed;
  // Only what we vouch for: the client as the trusted-proxy rule resolved it. Hops a caller wrote
  // into its own X-Forwarded-For are unverified, and an upstream reading the left-most would be fooled.
  if (forwarded.clientIp) out["x-forwarded-for"] = forwarded.clientIp;
  out["x-forwarded-proto"] = forwarded.proto;
  out["x-forwarded-host"] = forwarded.host;
  out["x-request-id"] = forwarded.requestId;
  // Next.js drops Content-Encoding from route handler responses and compresses on its own, so a
  // compressed upstream body would reach the caller compressed twice: ask the upstream for plain
  // bytes (relayBody decodes the ones that compress anyway).
  out["accept-encoding"] = "identity";
  if (credential) out[credential.header.toLowerCase()] = credential.value;
  return out;
}

/**
 * Response headers for the caller, from what undici returned, then the gateway's `own` (which replace
 * the upstream's of the same name); Set-Cookie only with a scope (relayCookies). A list, so a
 * repeated field (Set-Cookie above all) stays one line per value on node:http.
 */
export function callerResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
  cookieScope: CookieScope | null = null,
  own: Record<string, string> = {},
): HeaderList {
  const listed = connectionListed(typeof upstream.connection === "string" ? upstream.connection : undefined);
  const out: HeaderList = [];
  for (const name in upstream) {
    const value = upstream[name];
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || listed.has(lower) || Object.hasOwn(own, lower)) continue;
    // The body is relayed decoded and re-framed by the server: its length and encoding change.
    if (lower === "content-encoding" || lower === "content-length") continue;
    // Our own accounting headers are authoritative; an upstream cannot forge them.
    if (lower.startsWith("x-credit-") || lower.startsWith("ratelimit-") || lower === "x-request-id") continue;
    // The portal's origin: an upstream's cookie would sit next to the portal's session.
    if (lower === "set-cookie" || lower === "set-cookie2") {
      if (lower === "set-cookie" && cookieScope) for (const cookie of [value].flat()) appendScoped(out, cookie, cookieScope);
      continue;
    }
    // Answers come from the portal's origin: a browser must not sniff an upstream's text into HTML.
    if (lower === "x-content-type-options") continue;
    if (Array.isArray(value)) for (const item of value) out.push([lower, item]);
    else out.push([lower, value]);
  }
  out.push(["x-content-type-options", "nosniff"]);
  for (const name in own) out.push([name, own[name]!]);
  return out;
}

function appendScoped(out: HeaderList, cookie: string, scope: CookieScope): void {
  const scoped = scopedSetCookie(cookie, scope);
  if (scoped) out.push(["set-cookie", scoped]);
}

/** Total size of the request's header block, as a guard against oversized headers. */
export function headerBytes(headers: HeaderList): number {
  let total = 0;
  for (const [name, value] of headers) total += name.length + value.length + 4;
  return total;
}
