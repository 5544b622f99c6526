// Who is calling: the client's address, scheme and host, under the one trusted-proxy rule.
//
// The connection's peer is the client, unless TRUSTED_PROXIES (comma-separated addresses or CIDRs)
// lists it: then X-Forwarded-For is read from the right, skipping trusted hops, and the first
// address that is not trusted is the client (the right-most untrusted hop; everything left of it
// may have been written by the client). X-Forwarded-Proto and X-Forwarded-Host are taken only from
// a trusted peer, right-most value. Anything a client sends itself is ignored.
//
// Where the socket is: the node:http gateway mount reads it directly (clientFromNode). Next.js 16
// does not expose it to route handlers or server actions (no `request.ip`; it fills
// X-Forwarded-For from the socket only when the client sent none, so the header cannot be told
// apart from a forged one). scripts/serve.ts, which fronts Next.js, therefore deletes any
// client-sent PEER_HEADER and sets it from the socket (stampPeer); clientFromHeaders trusts that
// header only in a process where serve.ts did this. Under `next dev` or a bare `next start` the
// address is unknown (ip null).
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import ipaddr from "ipaddr.js";
import { trustedProxies, type AddressRange } from "@/lib/env";

export type ClientAddress = {
  /** The client's IP, normalised (IPv4-mapped IPv6 as IPv4, IPv6 compressed); null when unknown. */
  ip: string | null;
  /** The scheme the client used. */
  proto: "http" | "https";
  /** The host the client asked for (`name[:port]`). */
  host: string;
};

/** The connection as the server saw it, and the forwarding headers that came with it. */
export type Connection = {
  peer: string | null | undefined;
  encrypted: boolean;
  /** the Host header; `fallbackHost` stands in when it is missing or not a host name */
  host: string | null | undefined;
  fallbackHost?: string;
  forwardedFor?: string | null;
  forwardedProto?: string | null;
  forwardedHost?: string | null;
};

/** Internal request header: `<socket address> <http|https>`, set by scripts/serve.ts. */
export const PEER_HEADER = "x-tollgate-peer";
const STAMPED = Symbol.for("tollgate.peer-header-stamped");
const stampedHere = () => (globalThis as { [STAMPED]?: boolean })[STAMPED] === true;

/** An address as it appears in a socket or X-Forwarded-For: v4, v6, `[v6]`, either with a port. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let candidate = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  if (bracketed) candidate = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(candidate)) candidate = candidate.slice(0, candidate.lastIndexOf(":"));
  const valid = candidate.includes(":") ? ipaddr.IPv6.isValid(candidate) : ipaddr.IPv4.isValidFourPartDecimal(candidate);
  return valid ? ipaddr.process(candidate) : null;
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, ranges: AddressRange[]): boolean {
  return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

const lastValue = (header: string | null | undefined) => header?.split(",").at(-1)?.trim() || null;
const HOST = /^(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const hostName = (value: string | null | undefined) => (value && HOST.test(value) ? value : null);

/**
 * The client behind a connection (see the header comment). Pure: the gateway mount, route
 * handlers, server actions and tests all come through here.
 */
export function resolveClient(connection: Connection, ranges: AddressRange[] = trustedProxies()): ClientAddress {
  const peer = connection.peer ? parseAddress(connection.peer) : null;
  const direct: ClientAddress = {
    ip: peer?.toString() ?? null,
    proto: connection.encrypted ? "https" : "http",
    host: hostName(connection.host) ?? connection.fallbackHost ?? "localhost",
  };
  if (!peer || !isTrusted(peer, ranges)) return direct;

  let client = peer;
  const hops = (connection.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    // A hop that is not an address was written by the trusted proxy to its right: stop at that proxy.
    const hop = parseAddress(hops[i]!);
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, ranges)) break;
  }
  const proto = lastValue(connection.forwardedProto)?.toLowerCase();
  return {
    ip: client.toString(),
    proto: proto === "https" || proto === "http" ? proto : direct.proto,
    host: hostName(lastValue(connection.forwardedHost)) ?? direct.host,
  };
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : value);

type DirectClient = { ranges: AddressRange[]; host: string | undefined; fallbackHost: string; client: ClientAddress };

/**
 * A connection's answer when its peer is not a trusted proxy: the peer is the client for every request
 * it carries, so a keep-alive connection parses its address once, not once per call. Kept while
 * TRUSTED_PROXIES (the same ranges) and the Host header stay the same.
 */
const directClients = new WeakMap<Socket, DirectClient>();

/** For node:http servers (the gateway mount in lib/gateway/node-adapter.ts). */
export function clientFromNode(req: IncomingMessage, fallbackHost = "localhost"): ClientAddress {
  const ranges = trustedProxies();
  const host = req.headers.host;
  const known = directClients.get(req.socket);
  if (known && known.ranges === ranges && known.host === host && known.fallbackHost === fallbackHost) return known.client;
  const peer = req.socket.remoteAddress;
  const client = resolveClient(
    {
      peer,
      encrypted: "encrypted" in req.socket && req.socket.encrypted === true,
      host,
      fallbackHost,
      forwardedFor: single(req.headers["x-forwarded-for"]),
      forwardedProto: single(req.headers["x-forwarded-proto"]),
      forwardedHost: single(req.headers["x-forwarded-host"]),
    },
    ranges,
  );
  const parsed = peer ? parseAddress(peer) : null;
  if (parsed && !isTrusted(parsed, ranges)) directClients.set(req.socket, { ranges, host, fallbackHost, client });
  return client;
}

/**
 * For Next.js route handlers and server actions (`await headers()`), and for the Request Auth.js
 * hands to `authorize`: the peer comes from PEER_HEADER, trusted only when scripts/serve.ts set it.
 */
export function clientFromHeaders(headers: Headers, fallbackHost = "localhost"): ClientAddress {
  const [peer, scheme] = stampedHere() ? (headers.get(PEER_HEADER) ?? "").split(" ") : [];
  return resolveClient({
    peer: peer || null,
    encrypted: scheme === "https",
    host: headers.get("host"),
    fallbackHost,
    forwardedFor: headers.get("x-forwarded-for"),
    forwardedProto: headers.get("x-forwarded-proto"),
    forwardedHost: headers.get("x-forwarded-host"),
  });
}

/** clientFromHeaders for a web Request; the host falls back to the request URL's. */
export function clientFromRequest(request: Request): ClientAddress {
  return clientFromHeaders(request.headers, new URL(request.url).host);
}

/**
 * Called by scripts/serve.ts for every request it hands to Next.js: replaces whatever the client
 * sent as PEER_HEADER with the socket's address and scheme, and marks this process as one where
 * the header can be trusted.
 */
export function stampPeer(req: IncomingMessage): void {
  (globalThis as { [STAMPED]?: boolean })[STAMPED] = true;
  const encrypted = "encrypted" in req.socket && req.socket.encrypted === true;
  req.headers[PEER_HEADER] = `${req.socket.remoteAddress ?? ""} ${encrypted ? "https" : "http"}`;
}
