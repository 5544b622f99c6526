// Which IP addresses the server may open outbound connections to (upstreams, team webhooks).
// Only public unicast addresses: anything private, loopback, link-local (cloud metadata at
// 169.254.169.254), shared (CGNAT), multicast, reserved or unspecified is refused, and IPv6 forms
// that embed an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo) are judged by the address inside.
import ipaddr from "ipaddr.js";

type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const DESCRIPTIONS: Record<string, string> = {
  private: "a private address",
  loopback: "a loopback address",
  linkLocal: "a link-local address",
  uniqueLocal: "a unique local (private) address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  reserved: "a reserved address",
  deprecatedSiteLocal: "a site-local address",
};

function refused(range: string): AddressVerdict {
  return { allowed: false, reason: DESCRIPTIONS[range] ?? `a special-purpose address (${range})` };
}

/** Global unicast IPv6 is 2000::/3; everything outside it (bar the IPv4-embedding forms) is not routable. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];

function ipv4FromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function classifyV4(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range();
  return range === "unicast" ? { allowed: true } : refused(range);
}

/** The result for an IPv4 address carried inside an IPv6 one: refused if the inner one is. */
function embedded(inner: ipaddr.IPv4, form: string): AddressVerdict {
  const verdict = classifyV4(inner);
  return verdict.allowed ? verdict : { allowed: false, reason: `${verdict.reason} (${inner.toString()}, ${form})` };
}

function classifyV6(address: ipaddr.IPv6): AddressVerdict {
  const range = address.range();
  const parts = address.parts;
  switch (range) {
    case "ipv4Mapped":
      return embedded(address.toIPv4Address(), "IPv4-mapped");
    case "rfc6145":
      return embedded(ipv4FromParts(parts[6], parts[7]), "IPv4-translated");
    case "rfc6052":
      // 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use only.
      if (parts[2] !== 0) return { allowed: false, reason: "a local-use NAT64 address" };
      return embedded(ipv4FromParts(parts[6], parts[7]), "NAT64");
    case "6to4":
      return embedded(ipv4FromParts(parts[1], parts[2]), "6to4");
    case "teredo": {
      const server = embedded(ipv4FromParts(parts[2], parts[3]), "Teredo server");
      if (!server.allowed) return server;
      return embedded(ipv4FromParts(parts[6] ^ 0xffff, parts[7] ^ 0xffff), "Teredo client");
    }
    case "unicast":
    case "global" as string:
      // Includes the deprecated IPv4-compatible ::a.b.c.d form, which ipaddr.js calls unicast.
      return address.match(GLOBAL_UNICAST_V6) ? { allowed: true } : refused("reserved");
    default:
      return refused(range);
  }
}

/** Whether the server may connect to `address` (an IPv4 or IPv6 literal, no brackets). */
export function classifyAddress(address: string): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return { allowed: false, reason: "not a valid IP address" };
  }
  return parsed.kind() === "ipv4" ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address).allowed;
}
