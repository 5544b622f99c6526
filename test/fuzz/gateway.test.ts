// Property-based: the gateway's request line, path, query, headers and body, generated, against a
// real upstream (test/support/upstream-server.ts) and a real database, in-process like the route
// handler. Properties: the gateway itself never answers 500 (an upstream's own 5xx is relayed), a
// refused call (any problem the gateway answers) leaves the balance as it was, and the ledger
// invariant holds after the run. Upstream routes that stall or reset on purpose are left to
// test/gateway/upstream-failures.test.ts: they test time, not input.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { flushLeaseCharges } from "@/lib/billing/ledger/leases/credit-leases";
import { callGateway, createGatewayFixture, createRawKey } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { fuzzRuns, fuzzTimeout, nastyText } from "./arbitraries";

const RUNS = fuzzRuns(200);
const MAX_REQUEST_BYTES = 2048;

let upstream: Upstream;
let fixture: Awaited<ReturnType<typeof createGatewayFixture>>;
let keys: Record<string, string | null>;

beforeAll(async () => {
  upstream = await startUpstream();
  fixture = await createGatewayFixture({
    upstreamUrl: upstream.url,
    balance: 1_000_000_000n,
    price: 1_000n,
    maxRequestBytes: MAX_REQUEST_BYTES,
  });
  const revoked = await createRawKey(fixture.team.id, { revokedAt: new Date() });
  keys = { valid: fixture.key, revoked: revoked.key, malformed: "tg_live_notakey", none: null };
});
afterAll(async () => {
  await flushUsage();
  await expectLedgerInvariant(fixture.team.id);
  await upstream.close();
});

const encode = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "\ufffd"));

/** Paths: the upstream's quick routes, dot segments, encodings (%00, %2f, %ff) and random segments. */
const segment = fc.oneof(
  fc.constantFrom(
    "echo",
    "status",
    "headers",
    "compressed",
    "",
    ".",
    "..",
    "%2e%2e",
    "%00",
    "%2f",
    "%5c",
    "%ff",
    "%",
    "a%zz",
    "\\",
    "http:",
    "~",
  ),
  fc.integer({ min: 100, max: 599 }).map(String),
  nastyText.map(encode),
);
const path = fc
  .array(segment, { maxLength: 5 })
  .map((segments) => `/${segments.join("/")}`)
  .filter((candidate) => !/hang|slow|broken|chunks|sse|big/.test(candidate));
const query = fc.oneof(
  fc.constant(""),
  fc.dictionary(nastyText, nastyText, { maxKeys: 3 }).map(
    (entries) =>
      `?${Object.entries(entries)
        .map(([name, value]) => `${encode(name)}=${encode(value)}`)
        .join("&")}`,
  ),
  fc.constantFrom("?set=x-a:1,content-type:text/html", "?encoding=gzip", "?encoding=br", "?api_key=tg_live_x", "?k=tg%5Flive%5Fx", "?%"),
);
const headerName = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/);
const headerValue = fc.string({ unit: fc.constantFrom(..."abc XYZ019 \t!\"#%&'()*+,-./:;<=>?@[\\]^_`{|}~é"), maxLength: 40 });
const headers = fc.dictionary(
  fc.oneof(
    headerName,
    fc.constantFrom(
      "content-length",
      "content-type",
      "expect",
      "content-encoding",
      "transfer-encoding",
      "connection",
      "x-forwarded-for",
      "host",
      "cookie",
    ),
  ),
  headerValue,
  { maxKeys: 4 },
);
const method = fc.oneof(
  fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
  fc.stringMatching(/^[A-Z]{1,8}$/).filter((name) => !["CONNECT", "TRACE", "TRACK"].includes(name)),
);
const body = fc.oneof(fc.constant(undefined), fc.uint8Array({ maxLength: MAX_REQUEST_BYTES * 2 }), nastyText);

/** The team's balance with every call charged so far written (a busy team's calls are charged from a credit lease, written just behind). */
async function balance(): Promise<bigint> {
  await flushLeaseCharges();
  return (await db.team.findUniqueOrThrow({ where: { id: fixture.team.id }, select: { balance: true } })).balance;
}

describe("the gateway under generated requests", () => {
  it(
    "never answers 500 itself and charges nothing for a refusal",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            key: fc.constantFrom("valid", "valid", "revoked", "malformed", "none"),
            inHeader: fc.boolean(),
            method,
            path,
            query,
            headers,
            body,
          }),
          async (call) => {
            const requestHeaders: Record<string, string> = { ...call.headers };
            if (call.key !== "none" && !call.inHeader) requestHeaders["x-api-key"] = keys[call.key]!;
            const hasBody = call.body !== undefined && !["GET", "HEAD"].includes(call.method);
            const before = await balance();
            const response = await callGateway(fixture.slug, `${call.path}${call.query}`, {
              key: call.inHeader ? keys[call.key] : null,
              method: call.method,
              headers: requestHeaders,
              body: hasBody ? call.body : undefined,
            });
            const text = await response.text();
            if (response.headers.get("content-type") === "application/problem+json") {
              // The upstream is up and its routes here answer at once: a 5xx problem would be ours.
              expect(JSON.parse(text).code, text).not.toMatch(/^(internal_error|upstream_unavailable|upstream_timeout)$/);
              expect(await balance()).toBe(before);
            } else {
              expect(response.headers.get("x-request-id")).toMatch(/^req_/);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    fuzzTimeout(RUNS, 100),
  );
});
