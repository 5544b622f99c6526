// Every address a host name resolves to, the way the OS resolver answers connect() (dns.lookup,
// so /etc/hosts and `localhost` count), not only the first: one address that is not public is
// enough to refuse, since the socket may pick any of them.
import { promises as dns, type LookupAddress } from "node:dns";
import { classifyAddress } from "@/lib/net/address-policy";

export async function resolveAll(hostname: string): Promise<LookupAddress[]> {
  const records = await dns.lookup(hostname, { all: true, verbatim: true });
  if (records.length === 0) throw Object.assign(new Error(`${hostname} has no addresses`), { code: "ENODATA" });
  return records;
}

/** The first address that may not be called, with why, or null when all are public. */
export function firstRefused(records: readonly LookupAddress[]): { address: string; reason: string } | null {
  for (const { address } of records) {
    const verdict = classifyAddress(address);
    if (!verdict.allowed) return { address, reason: verdict.reason };
  }
  return null;
}
