// lib/net/address-policy.ts: which addresses outbound calls may reach, over a table of the ranges
// that matter for SSRF (private, loopback, link-local and cloud metadata, CGNAT, IPv6 forms that
// embed an IPv4 address) and ordinary public addresses.
import { describe, expect, it } from "vitest";
import { classifyAddress, isPublicAddress } from "@/lib/net/address-policy";

const PUBLIC = [
  "8.8.8.8",
  "1.1.1.1",
  "93.184.216.34",
  "172.15.255.255", // just below 172.16/12
  "172.32.0.1", // just above it
  "100.63.255.255", // just below 100.64/10
  "100.128.0.1", // just above it
  "198.17.255.255", // just below 198.18/15
  "2001:4860:4860::8888",
  "2606:4700:4700::1111",
  "::ffff:8.8.8.8", // IPv4-mapped public
  "64:ff9b::808:808", // NAT64 of 8.8.8.8
  "2002:808:808::1", // 6to4 of 8.8.8.8
];

const REFUSED: [address: string, reason: RegExp][] = [
  ["10.0.0.5", /private/],
  ["10.255.255.255", /private/],
  ["172.16.0.1", /private/],
  ["172.31.255.254", /private/],
  ["192.168.1.1", /private/],
  ["127.0.0.1", /loopback/],
  ["127.1.2.3", /loopback/],
  ["169.254.169.254", /link-local/], // cloud metadata
  ["169.254.0.1", /link-local/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["100.127.255.254", /carrier-grade NAT/],
  ["0.0.0.0", /unspecified/],
  ["0.1.2.3", /unspecified/],
  ["255.255.255.255", /broadcast/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.250", /multicast/],
  ["240.0.0.1", /reserved/],
  ["192.0.2.1", /reserved/], // TEST-NET-1
  ["198.18.0.1", /reserved/], // benchmarking
  ["198.19.255.255", /reserved/],
  ["203.0.113.7", /reserved/],
  ["::1", /loopback/],
  ["::", /unspecified/],
  ["fe80::1", /link-local/],
  ["febf::1", /link-local/],
  ["fc00::1", /unique local/],
  ["fd12:3456:789a::1", /unique local/],
  ["ff02::1", /multicast/],
  ["::ffff:127.0.0.1", /loopback.*127\.0\.0\.1.*IPv4-mapped/],
  ["::ffff:10.0.0.1", /private.*IPv4-mapped/],
  ["::ffff:169.254.169.254", /link-local/],
  ["::ffff:0:7f00:1", /loopback.*IPv4-translated/],
  ["64:ff9b::7f00:1", /loopback.*NAT64/],
  ["64:ff9b::a00:5", /private.*NAT64/],
  ["64:ff9b:1::1", /local-use NAT64/],
  ["2002:7f00:1::1", /loopback.*6to4/],
  ["2002:c0a8:101::1", /private.*6to4/],
  ["2001:0:a00:1::1", /private.*Teredo server/], // server 10.0.0.1
  ["2001:0:808:808::f5ff:fffe", /private.*Teredo client/], // client 10.0.0.1, stored xor ffff:ffff
  ["::7f00:1", /reserved/], // deprecated IPv4-compatible ::127.0.0.1
  ["2001:db8::1", /reserved/], // documentation
  ["fec0::1", /site-local/],
  ["not-an-ip", /not a valid IP address/],
];

describe("classifyAddress", () => {
  it.each(PUBLIC)("allows the public address %s", (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true });
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each(REFUSED)("refuses %s", (address, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? "" : verdict.reason).toMatch(reason);
    expect(isPublicAddress(address)).toBe(false);
  });
});
