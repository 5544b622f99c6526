// Upstreams on private, loopback or link-local addresses are refused with ALLOW_PRIVATE_UPSTREAMS
// off (the test setup turns it on for every other file): an IP literal before anything is sent, a
// name at connect time (lib/net/guarded-lookup.ts). The caller gets 502 and is not charged. The
// app's own origin stays reachable, as the seeded Demo API needs.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { ledgerInvariant } from "../support/ledger";
import { captureLogs } from "../support/log-capture";

const START = 1_000_000n;
const PRICE = 5_000n;

let target: Upstream; // a private server nobody may reach through the gateway
let app: Upstream; // stands in for the app itself: APP_URL points at it
let savedFlag: string | undefined;
const savedAppUrl = process.env.APP_URL;

beforeAll(async () => {
  [target, app] = await Promise.all([startUpstream(), startUpstream()]);
  // env() parses APP_URL once, on first use: set it before anything in this file reads it.
  process.env.APP_URL = `http://localhost:${app.port}`;
  expect(appUrl()).toBe(`http://localhost:${app.port}`);
  savedFlag = process.env.ALLOW_PRIVATE_UPSTREAMS;
  process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
});
afterAll(async () => {
  process.env.ALLOW_PRIVATE_UPSTREAMS = savedFlag;
  process.env.APP_URL = savedAppUrl;
  await Promise.all([target.close(), app.close()]);
});
afterEach(() => vi.restoreAllMocks());

async function expectRefusedAndRefunded(upstreamUrl: string) {
  const logs = captureLogs();
  const credential = { header: "x-upstream-key", value: "upstream-secret-do-not-log" };
  const { slug, key, team } = await createGatewayFixture({ upstreamUrl, balance: START, price: PRICE, credential });
  const before = target.requests.length;

  const response = await callGateway(slug, "/echo", { key });
  expect(response.status).toBe(502);
  const body = await response.json();
  expect(body).toMatchObject({ code: "upstream_unavailable", status: 502 });
  expect(body.detail).toMatch(/upstream address is not allowed.*You were not charged/);
  expect(target.requests.length).toBe(before);

  const requestId = response.headers.get("x-request-id")!;
  const entries = await db.creditLedgerEntry.findMany({ where: { teamId: team.id, requestId }, orderBy: { createdAt: "asc" } });
  expect(entries.map((entry) => [entry.kind, entry.amount])).toEqual([
    ["USAGE", -PRICE],
    ["USAGE_REFUND", PRICE],
  ]);
  expect((await ledgerInvariant(team.id)).balance).toBe(START);

  logs.stop();
  const [line, ...others] = logs.lines().filter((line) => line.failure === "forbidden_destination");
  expect(others).toEqual([]);
  expect(line).toMatchObject({ module: "gateway", requestId, api: slug });
  expect(logs.text()).not.toContain(credential.value);
  return String(line!.reason);
}

describe("private upstreams with ALLOW_PRIVATE_UPSTREAMS off", () => {
  it("refuses an IP literal on loopback before sending, with 502 and the charge refunded", async () => {
    const logged = await expectRefusedAndRefunded(target.url);
    expect(logged).toContain("refused to connect to 127.0.0.1: a loopback address");
  });

  it("refuses an IPv4-mapped IPv6 literal for the same address", async () => {
    const logged = await expectRefusedAndRefunded(`http://[::ffff:127.0.0.1]:${target.port}`);
    expect(logged).toMatch(/loopback address \(127\.0\.0\.1, IPv4-mapped\)/);
  });

  it("refuses a name resolving to loopback at connect time, again from the cached answer", async () => {
    for (let round = 0; round < 2; round++) {
      const logged = await expectRefusedAndRefunded(`http://localhost:${target.port}/v1`);
      expect(logged).toMatch(/refused to connect to localhost: it resolves to (127\.0\.0\.1|::1), a loopback address/);
      vi.restoreAllMocks();
    }
  });

  it("still forwards to the app's own origin (the seeded Demo API's upstream)", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: `${appUrl()}/api/demo`, balance: START, price: PRICE });
    const response = await callGateway(slug, "/echo?x=1", { key });
    expect(response.status).toBe(200);
    expect((await response.json()).url).toBe("/api/demo/echo?x=1");
    expect((await ledgerInvariant(team.id)).balance).toBe(START - PRICE);
  });
});

describe("private upstreams with ALLOW_PRIVATE_UPSTREAMS on", () => {
  it("forwards to loopback literals and names, read per call without a restart", async () => {
    process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
    try {
      for (const upstreamUrl of [target.url, `http://localhost:${target.port}`]) {
        const { slug, key } = await createGatewayFixture({ upstreamUrl, balance: START, price: PRICE });
        const response = await callGateway(slug, "/echo", { key });
        expect(response.status).toBe(200);
        expect((await response.json()).method).toBe("GET");
      }
    } finally {
      process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
    }
    const { slug, key } = await createGatewayFixture({ upstreamUrl: target.url, balance: START, price: PRICE });
    expect((await callGateway(slug, "/echo", { key })).status).toBe(502);
  });
});
