// The DNS lookup for outbound sockets to addresses people typed in (upstreams, team webhooks).
// Checking a URL when it is saved is not enough: the name can later resolve elsewhere (DNS
// rebinding). This lookup runs inside net.connect, so the addresses it checks are exactly the ones
// the socket then connects to. Answers are cached for 30 s; the gateway keeps connections alive,
// so a lookup happens only when a new connection opens.
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { allowPrivateUpstreams } from "@/lib/env";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { classifyAddress } from "@/lib/net/address-policy";
import { bareHostname, privateDestinationAllowed } from "@/lib/net/outbound-url";
import { firstRefused, resolveAll } from "@/lib/net/resolve";

const FORBIDDEN_DESTINATION = "ERR_TOLLGATE_FORBIDDEN_DESTINATION";

/** Raised (as the socket's error) when a destination resolves to an address we will not call. */
class ForbiddenDestination extends Error {
  readonly code = FORBIDDEN_DESTINATION;

  constructor(host: string, address: string, reason: string) {
    super(
      host === address
        ? `refused to connect to ${address}: ${reason}`
        : `refused to connect to ${host}: it resolves to ${address}, ${reason}`,
    );
  }
}

/**
 * The refusal in an error, whether thrown as is or wrapped as the cause (undici's fetch does).
 * Matched by code, not instanceof: the agents live on globalThis, shared by every route bundle,
 * each with its own copy of this module.
 */
export function forbiddenDestinationIn(error: unknown): Error | null {
  for (let candidate = error, depth = 0; candidate && depth < 3; candidate = (candidate as { cause?: unknown }).cause, depth++) {
    if ((candidate as { code?: unknown }).code === FORBIDDEN_DESTINATION) return candidate as Error;
  }
  return null;
}

/** The checked answer for one host: its addresses, or the first one that may not be called. */
type Resolved = { records: LookupAddress[]; refused: { address: string; reason: string } | null };

const cache = TtlCache.shared<Resolved>("outbound-dns", { ttlMs: 30_000, maxEntries: 10_000 });

async function resolve(hostname: string): Promise<Resolved> {
  const records = await resolveAll(hostname);
  return { records, refused: firstRefused(records) };
}

function answer(hostname: string, resolved: Resolved, options: LookupOptions, callback: Parameters<LookupFunction>[2]): void {
  if (resolved.refused) return callback(new ForbiddenDestination(hostname, resolved.refused.address, resolved.refused.reason), "", 0);
  const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
  const records = family === 4 || family === 6 ? resolved.records.filter((record) => record.family === family) : resolved.records;
  if (records.length === 0) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
    return callback(error, "", 0);
  }
  if (options.all) return callback(null, records);
  callback(null, records[0]!.address, records[0]!.family);
}

/** A net.LookupFunction that refuses names resolving to any address that is not public. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  const cached = cache.lookup(hostname, () => resolve(hostname));
  // Answer a cache hit on the next tick, as dns.lookup would: callers may attach listeners after
  // starting the lookup.
  if (!(cached instanceof Promise)) return process.nextTick(answer, hostname, cached, options, callback);
  cached.then(
    (resolved) => answer(hostname, resolved, options, callback),
    (error: NodeJS.ErrnoException) => callback(error, "", 0),
  );
};

type ConnectPolicy = "open" | "guarded" | ForbiddenDestination;

/**
 * How to connect for one call: "open" when private destinations are allowed (the flag, or the
 * app's own origin), "guarded" when the socket must use guardedLookup, or the refusal itself when
 * the host is an IP literal that is not public (net.connect skips the lookup for literals).
 */
export function connectPolicy(url: string): ConnectPolicy {
  if (allowPrivateUpstreams()) return "open"; // before any parsing: the common case on a private network
  const parsed = new URL(url);
  if (privateDestinationAllowed(parsed)) return "open";
  const host = bareHostname(parsed);
  if (!isIP(host)) return "guarded";
  const verdict = classifyAddress(host);
  return verdict.allowed ? "guarded" : new ForbiddenDestination(host, host, verdict.reason);
}
