// lib/http/client-address.ts: the client's address, scheme and host under TRUSTED_PROXIES, from a
// node:http socket and from the headers scripts/serve.ts hands to Next.js.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "@/lib/env";
import { clientFromHeaders, clientFromNode, PEER_HEADER, resolveClient, stampPeer, type ClientAddress } from "@/lib/http/client-address";

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
});

const behind = (peer: string, headers: { for?: string; proto?: string; host?: string } = {}, trusted = "") =>
  resolveClient(
    {
      peer,
      encrypted: false,
      host: "portal.example",
      forwardedFor: headers.for,
      forwardedProto: headers.proto,
      forwardedHost: headers.host,
    },
    parseTrustedProxies(trusted),
  );

describe("resolveClient", () => {
  it("ignores the peer header in a process where scripts/serve.ts never set it (next dev, next start)", () => {
    expect(clientFromHeaders(new Headers({ [PEER_HEADER]: "203.0.113.99 https", host: "portal.example" }))).toEqual({
      ip: null,
      proto: "http",
      host: "portal.example",
    });
  });

  it("takes the socket's peer and ignores every forwarding header when no proxy is trusted", () => {
    expect(behind("198.51.100.7", { for: "203.0.113.1", proto: "https", host: "evil.example" })).toEqual({
      ip: "198.51.100.7",
      proto: "http",
      host: "portal.example",
    });
  });

  it("ignores forwarding headers from a peer that is not in TRUSTED_PROXIES", () => {
    expect(behind("198.51.100.7", { for: "203.0.113.1" }, "10.0.0.0/8").ip).toBe("198.51.100.7");
  });

  it("behind a trusted proxy takes the right-most untrusted hop, never what the client put on the left", () => {
    const trusted = "10.0.0.0/8, 192.0.2.10";
    expect(behind("10.1.2.3", { for: "203.0.113.9" }, trusted).ip).toBe("203.0.113.9");
    // the client sent its own X-Forwarded-For; the proxies appended the real address and their own
    expect(behind("10.1.2.3", { for: "1.1.1.1, 6.6.6.6, 203.0.113.9, 192.0.2.10" }, trusted).ip).toBe("203.0.113.9");
    // every hop trusted: the left-most is as far as anyone can see
    expect(behind("10.1.2.3", { for: "10.9.9.9, 192.0.2.10" }, trusted).ip).toBe("10.9.9.9");
    // a trusted proxy that forwarded nothing is the client as far as we know
    expect(behind("10.1.2.3", {}, trusted).ip).toBe("10.1.2.3");
  });

  it("stops at a hop that is not an address, at the proxy that wrote it", () => {
    expect(behind("10.1.2.3", { for: "203.0.113.9, unknown" }, "10.0.0.0/8").ip).toBe("10.1.2.3");
    expect(behind("10.1.2.3", { for: "unknown, 10.0.0.7" }, "10.0.0.0/8").ip).toBe("10.0.0.7");
  });

  it("reads hops with ports and brackets, and normalises IPv4-mapped and long IPv6 forms", () => {
    const trusted = "::1, 10.0.0.0/8";
    expect(behind("::ffff:10.0.0.1", { for: "203.0.113.9:51234" }, trusted).ip).toBe("203.0.113.9");
    expect(behind("::1", { for: "[2001:DB8:0:0::1]:443" }, trusted).ip).toBe("2001:db8::1");
    expect(behind("::1", { for: "2001:db8::2" }, trusted).ip).toBe("2001:db8::2");
    expect(behind("::ffff:198.51.100.7").ip).toBe("198.51.100.7");
  });

  it("takes X-Forwarded-Proto and -Host from a trusted proxy only, right-most value, and only when well-formed", () => {
    expect(behind("10.1.2.3", { proto: "http, https", host: "evil.example, api.example.com" }, "10.0.0.0/8")).toMatchObject({
      proto: "https",
      host: "api.example.com",
    });
    expect(behind("10.1.2.3", { proto: "gopher", host: "bad host/with path" }, "10.0.0.0/8")).toMatchObject({
      proto: "http",
      host: "portal.example",
    });
  });

  it("falls back to the given host when the Host header is missing or not a host name", () => {
    expect(resolveClient({ peer: "198.51.100.7", encrypted: true, host: undefined, fallbackHost: "localhost:3000" }, [])).toEqual({
      ip: "198.51.100.7",
      proto: "https",
      host: "localhost:3000",
    });
    expect(resolveClient({ peer: "198.51.100.7", encrypted: false, host: "a b", fallbackHost: "localhost:3000" }, []).host).toBe(
      "localhost:3000",
    );
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and CIDRs of both families, and names a bad entry", () => {
    expect(parseTrustedProxies(" 10.0.0.0/8 , 192.0.2.1, ::1, 2001:db8::/32 ")).toHaveLength(4);
    expect(parseTrustedProxies("")).toEqual([]);
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(
      'TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range',
    );
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
  });
});

/** A real node:http server: what clientFromNode sees, and what Next.js would see after stampPeer. */
async function serveOnce(
  headers: Record<string, string>,
): Promise<{ node: ClientAddress; next: ClientAddress; stamped: string | undefined }> {
  let seen: { node: ClientAddress; next: ClientAddress; stamped: string | undefined } | undefined;
  const server = http.createServer((req, res) => {
    const node = clientFromNode(req, "fallback.example");
    stampPeer(req);
    const forwarded = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") forwarded.set(name, value);
    seen = { node, next: clientFromHeaders(forwarded), stamped: req.headers[PEER_HEADER] as string | undefined };
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers });
    return seen!;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("from a socket", () => {
  const forged = {
    "x-forwarded-for": "203.0.113.66",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "evil.example",
    [PEER_HEADER]: "203.0.113.99 https",
  };

  it("uses the socket's address and refuses a forged peer header, with no proxy trusted", async () => {
    const seen = await serveOnce(forged);
    expect(seen.node).toMatchObject({ ip: "127.0.0.1", proto: "http" });
    expect(seen.node.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(seen.stamped).toBe("127.0.0.1 http");
    expect(seen.next).toEqual(seen.node);
  });

  it("follows X-Forwarded-* when the socket's peer is a trusted proxy", async () => {
    process.env.TRUSTED_PROXIES = "127.0.0.1";
    const seen = await serveOnce(forged);
    expect(seen.node).toEqual({ ip: "203.0.113.66", proto: "https", host: "evil.example" });
    expect(seen.next).toEqual(seen.node);
  });

  it("reads a keep-alive connection's client once, and again when TRUSTED_PROXIES or the Host header changes", async () => {
    const seen: ClientAddress[] = [];
    const server = http.createServer((req, res) => {
      seen.push(clientFromNode(req, "fallback.example"));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { port } = server.address() as AddressInfo;
    const call = (headers: Record<string, string>) =>
      new Promise<void>((resolve, reject) =>
        http.get({ port, host: "127.0.0.1", agent, headers }, (res) => res.resume().on("end", resolve)).on("error", reject),
      );
    try {
      await call(forged);
      await call(forged);
      process.env.TRUSTED_PROXIES = "127.0.0.1";
      await call(forged);
      delete process.env.TRUSTED_PROXIES;
      await call({ host: "other.example" });
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen[0]).toMatchObject({ ip: "127.0.0.1", proto: "http" });
    // The same connection, the same client: the first answer, not a second parse.
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toEqual({ ip: "203.0.113.66", proto: "https", host: "evil.example" });
    expect(seen[3]).toEqual({ ip: "127.0.0.1", proto: "http", host: "other.example" });
  });
});
