// lib/net/outbound-url.ts and lib/net/guarded-lookup.ts with ALLOW_PRIVATE_UPSTREAMS off (the test
// setup turns it on for everything else): schemes, credentials, IP literals, names resolving to
// loopback, the app's own origin (APP_URL is http://localhost:3000 in tests) and the flag.
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPolicy, guardedLookup } from "@/lib/net/guarded-lookup";
import { checkOutboundUrl, inspectOutboundUrl } from "@/lib/net/outbound-url";

let saved: string | undefined;
beforeAll(() => {
  saved = process.env.ALLOW_PRIVATE_UPSTREAMS;
  process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
});
afterAll(() => void (process.env.ALLOW_PRIVATE_UPSTREAMS = saved));

function withFlag<T>(value: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.ALLOW_PRIVATE_UPSTREAMS;
  process.env.ALLOW_PRIVATE_UPSTREAMS = value;
  return run().finally(() => void (process.env.ALLOW_PRIVATE_UPSTREAMS = before));
}

describe("checkOutboundUrl", () => {
  it.each([
    ["http://127.0.0.1:8080/v1", /^127\.0\.0\.1 is a loopback address\. Upstreams must be public unless ALLOW_PRIVATE_UPSTREAMS=true\.$/],
    ["http://[::1]:8080/", /::1 is a loopback address/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is a link-local address/],
    ["https://10.0.0.5/", /10\.0\.0\.5 is a private address/],
    ["http://192.168.0.10:9000/", /private address/],
    ["http://100.64.1.1/", /carrier-grade NAT/],
    ["http://0.0.0.0:3000/", /unspecified address/],
    ["http://[::ffff:127.0.0.1]/", /loopback address \(127\.0\.0\.1, IPv4-mapped\)/],
    ["http://[fd00::1]/", /unique local/],
    // The URL parser normalises these spellings to 127.0.0.1 before we see them.
    ["http://0x7f000001/", /127\.0\.0\.1 is a loopback address/],
    ["http://2130706433/", /127\.0\.0\.1 is a loopback address/],
    ["http://127.1/", /127\.0\.0\.1 is a loopback address/],
    ["http://0177.0.0.1/", /127\.0\.0\.1 is a loopback address/],
    ["http://127.0.0.1./", /127\.0\.0\.1 is a loopback address/],
  ])("refuses the address in %s", async (url, reason) => {
    expect(await checkOutboundUrl(url)).toMatch(reason);
  });

  it("refuses a name that resolves to loopback, saying what it resolves to", async () => {
    expect(await checkOutboundUrl("http://localhost:5000/api")).toMatch(
      /^"localhost" resolves to (127\.0\.0\.1|::1), a loopback address\. Upstreams must be public/,
    );
    // Resolvers differ on the trailing dot (loopback or no answer); refused either way.
    expect(await checkOutboundUrl("http://localhost.:5000/")).toMatch(/^"localhost\." (resolves to .*loopback|does not resolve)/);
    expect(await inspectOutboundUrl("http://LOCALHOST:5000/", "webhook")).toMatchObject({
      kind: "forbidden",
      reason: expect.stringMatching(/Webhook URLs must be public unless ALLOW_PRIVATE_UPSTREAMS=true\.$/),
    });
  });

  it("refuses a name that does not resolve, as something DNS may still change", async () => {
    expect(await inspectOutboundUrl("https://no-such-host.invalid/v1")).toEqual({
      kind: "unresolved",
      reason: '"no-such-host.invalid" does not resolve to any address. Check the host name.',
    });
  });

  it("allows public IP literals", async () => {
    expect(await checkOutboundUrl("https://93.184.216.34/v1")).toBeNull();
    expect(await checkOutboundUrl("http://[2606:4700:4700::1111]:8443/")).toBeNull();
  });

  it("refuses schemes other than http and https, credentials and non-URLs whatever the flag", async () => {
    for (const flag of ["false", "true"]) {
      await withFlag(flag, async () => {
        expect(await checkOutboundUrl("ftp://example.com/")).toBe("Only http and https URLs are allowed, not ftp.");
        expect(await checkOutboundUrl("file:///etc/passwd")).toBe("Only http and https URLs are allowed, not file.");
        expect(await checkOutboundUrl("gopher://93.184.216.34/")).toMatch(/not gopher/);
        expect(await checkOutboundUrl("https://user:secret@93.184.216.34/")).toMatch(/must not contain a user name or password/);
        expect(await checkOutboundUrl("https://token@93.184.216.34/")).toMatch(/must not contain a user name or password/);
        expect(await checkOutboundUrl("not a url")).toBe('"not a url" is not a valid URL.');
      });
    }
  });

  it("exempts the app's own origin (the seeded Demo API) and nothing next to it", async () => {
    expect(await checkOutboundUrl("http://localhost:3000/api/demo")).toBeNull();
    expect(await checkOutboundUrl("http://LOCALHOST:3000")).toBeNull();
    expect(await checkOutboundUrl("https://localhost:3000/api/demo")).toMatch(/loopback/);
    expect(await checkOutboundUrl("http://localhost:3001/api/demo")).toMatch(/loopback/);
    expect(await checkOutboundUrl("http://127.0.0.1:3000/api/demo")).toMatch(/loopback/);
  });

  it("allows private destinations when ALLOW_PRIVATE_UPSTREAMS is true", async () => {
    await withFlag("true", async () => {
      expect(await checkOutboundUrl("http://127.0.0.1:8080/")).toBeNull();
      expect(await checkOutboundUrl("http://localhost:5000/")).toBeNull();
      expect(await checkOutboundUrl("http://169.254.169.254/")).toBeNull();
    });
    await withFlag("1", async () => expect(await checkOutboundUrl("http://10.0.0.5/")).toBeNull());
  });
});

function lookup(hostname: string, options: { all?: boolean; family?: number }) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((resolve) =>
    guardedLookup(hostname, options, (error, address) => resolve({ error, address })),
  );
}

describe("guardedLookup and connectPolicy (connect time)", () => {
  it("fails the lookup of a name resolving to loopback with a recognisable error", async () => {
    for (const options of [{ all: true }, {}, { family: 4 }]) {
      const { error } = await lookup("localhost", options);
      expect(error).toMatchObject({ code: "ERR_TOLLGATE_FORBIDDEN_DESTINATION" });
      expect(error!.message).toMatch(/^refused to connect to localhost: it resolves to (127\.0\.0\.1|::1), a loopback address$/);
    }
  });

  it("passes DNS failures through as they are", async () => {
    const { error } = await lookup("no-such-host.invalid", { all: true });
    expect(error).toMatchObject({ code: "ENOTFOUND" });
  });

  it("chooses the open pool for allowed destinations, the guarded one otherwise, and refuses private literals", async () => {
    expect(connectPolicy("http://localhost:3000/api/demo/echo")).toBe("open");
    expect(connectPolicy("https://api.example.com/v1")).toBe("guarded");
    expect(connectPolicy("https://93.184.216.34/v1")).toBe("guarded");
    const refused = connectPolicy("http://[::ffff:169.254.169.254]/latest");
    expect(refused).toMatchObject({ code: "ERR_TOLLGATE_FORBIDDEN_DESTINATION" });
    expect((refused as Error).message).toMatch(/link-local/);
    await withFlag("true", async () => expect(connectPolicy("http://127.0.0.1:9/")).toBe("open"));
  });
});
