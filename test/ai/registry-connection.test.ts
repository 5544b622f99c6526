// The provider connection test against real sockets: the fake provider (both formats), a closed
// port, a hanging answer, a name that does not resolve, a forbidden destination, and small servers
// answering HTML, the wrong JSON, errors and a 401 that quotes the key. Each failure says what
// failed, and no answer, message or log line ever carries the key or a secret header.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createProvider } from "@/lib/ai/registry/create-provider";
import { scrubSecrets } from "@/lib/ai/registry/connection-failure";
import { testProviderConnection } from "@/lib/ai/registry/test-provider-connection";
import type { CreateProvider } from "@/lib/ai/registry/provider-schemas";
import { FAKE_API_KEY, startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { uniqueSlug } from "../support/management-factories";
import { captureLogs, type LogCapture } from "../support/log-capture";

const KEY = "sk-proj-connection-test-secret-WXYZ";
const ADMIN = { type: "SYSTEM" } as const;

let fake: FakeAiProvider;
let odd: http.Server;
let oddUrl: string;
const logged: string[] = [];
let logs: LogCapture;

beforeAll(async () => {
  fake = await startFakeAiProvider();
  // Answers by the first path segment: what real servers in the wrong place, or unhappy, say.
  odd = http.createServer((req, res) => {
    const kind = req.url!.split("/")[1];
    if (kind === "html") return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Welcome</title>");
    if (kind === "shape") return res.writeHead(200, { "content-type": "application/json" }).end('{"object":"list","models":["a"]}');
    if (kind === "denied")
      return res.writeHead(401, { "content-type": "application/json" }).end('{"error":{"message":"Invalid API key","type":"auth_error"}}');
    if (kind === "quote")
      return res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: `Incorrect API key provided: sk-proj-****************WXYZ. Yours was ${KEY}.` } }));
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"Not found"}}');
  });
  await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
  oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
  logs = captureLogs();
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  logs.stop();
  logged.push(logs.text());
  await fake.close();
  await new Promise((resolve) => odd.close(resolve));
  // Nothing this file did wrote the key or a secret header to the log.
  expect(logged.join("\n")).not.toContain(KEY);
  expect(logged.join("\n")).not.toContain("header-secret-value");
});
afterEach(() => {
  process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
});

async function testOf(fields: Partial<CreateProvider> & { baseUrl: string }) {
  const provider = await createProvider(
    { name: "Connection test", slug: uniqueSlug("conn"), kind: "OPENAI", apiKey: KEY, ...fields },
    ADMIN,
  );
  const result = await testProviderConnection(provider.slug);
  expect(JSON.stringify(result)).not.toContain(KEY);
  return result;
}

describe("testProviderConnection", () => {
  it("lists the fake provider's models in both formats, sending extra headers along", async () => {
    const before = fake.requests.length;
    const openai = await testOf({
      baseUrl: `${fake.openAiBaseUrl}/`,
      apiKey: FAKE_API_KEY,
      extraHeaders: { "X-Trace": "header-secret-value" },
    });
    expect(openai).toMatchObject({ ok: true, status: 200, models: ["fake-chat", "fake-embed"] });
    expect(fake.requests[before]!.headers["x-trace"]).toBe("header-secret-value");
    const anthropic = await testOf({ kind: "ANTHROPIC", baseUrl: fake.url, apiKey: FAKE_API_KEY });
    expect(anthropic).toMatchObject({ ok: true, models: ["fake-chat", "fake-embed"] });
  });

  // One test per failure kind, each with the whole sentence the admin reads.
  it("names a refused connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await testOf({ baseUrl: `http://127.0.0.1:${port}/v1` })).toMatchObject({
      ok: false,
      failure: "refused",
      status: null,
      message: `Connection refused by 127.0.0.1:${port}: nothing accepts connections there.`,
    });
  });

  it("names a provider that connects but does not answer in time", async () => {
    const hung = await testOf({
      baseUrl: fake.openAiBaseUrl,
      apiKey: FAKE_API_KEY,
      extraHeaders: { "x-fake-behaviour": "hang" },
      timeoutMs: 1_000,
    });
    expect(hung).toMatchObject({
      ok: false,
      failure: "timeout",
      status: null,
      message: `Connected to ${new URL(fake.url).host}, but no complete answer within 1000 ms.`,
    });
    expect(hung.latencyMs).toBeGreaterThanOrEqual(950);
  });

  it("names a host that does not resolve (DNS)", async () => {
    const unresolved = await testOf({ baseUrl: "http://no-such-provider.invalid/v1" });
    expect(unresolved).toMatchObject({ ok: false, failure: "dns", status: null });
    expect(unresolved.message).toMatch(
      /^DNS: "no-such-provider\.invalid" does not resolve \((ENOTFOUND|EAI_AGAIN|EAI_FAIL|ENODATA)\)\. Check the host name\.$/,
    );
  });

  it("names a 401 from the provider as a refused key, in both provider kinds, quoting the provider's reason", async () => {
    expect(await testOf({ baseUrl: `${oddUrl}/denied` })).toMatchObject({
      ok: false,
      failure: "unauthorized",
      status: 401,
      message: 'GET /denied/models answered 401: the provider refused the API key: replace it. The provider said: "Invalid API key"',
    });
    // The fake refuses any key but its own, in Anthropic's error shape on /v1/models.
    const anthropic = await testOf({ kind: "ANTHROPIC", baseUrl: fake.url });
    expect(anthropic).toMatchObject({ ok: false, failure: "unauthorized", status: 401 });
    expect(anthropic.message).toMatch(/^GET \/v1\/models answered 401: the provider refused the API key: replace it\./);
  });

  it("tells HTML, the wrong JSON, 404 and 5xx apart", async () => {
    expect(await testOf({ baseUrl: `${oddUrl}/html` })).toMatchObject({
      ok: false,
      failure: "not_json",
      status: 200,
      message:
        "GET /html/models answered 200 with something that is not JSON (text/html): the base URL probably points at a web page, not the API.",
    });
    expect(await testOf({ baseUrl: `${oddUrl}/shape` })).toMatchObject({ failure: "unexpected_shape", status: 200 });
    expect(await testOf({ baseUrl: `${oddUrl}/elsewhere` })).toMatchObject({
      failure: "not_found",
      status: 404,
      message: expect.stringMatching(
        /GET \/elsewhere\/models answered 404: nothing there: check the base URL.*The provider said: "Not found"/,
      ),
    });
    const failing = await testOf({
      baseUrl: fake.openAiBaseUrl,
      apiKey: FAKE_API_KEY,
      extraHeaders: { "x-fake-behaviour": "error-before:503" },
    });
    expect(failing).toMatchObject({
      ok: false,
      failure: "http_error",
      status: 503,
      message: expect.stringContaining("the provider failed"),
    });
  });

  it("never quotes the key a provider echoes back, whole or masked", async () => {
    const quoted = await testOf({ baseUrl: `${oddUrl}/quote` });
    expect(quoted).toMatchObject({ failure: "unauthorized", status: 401 });
    expect(quoted.message).toContain("Incorrect API key provided: [redacted] Yours was [redacted]");
    expect(quoted.message).not.toMatch(/WXYZ|sk-proj/);
    expect(scrubSecrets("bad key sk-abc…", ["sk-abcdef123456"])).toBe("bad key sk-abc…");
    expect(scrubSecrets('token "abcdef123456" refused', ["zz-abcdef123456"])).toBe("token [redacted] refused");
  });

  it("refuses a destination the address policy forbids before connecting", async () => {
    const provider = await createProvider(
      { name: "Private", slug: uniqueSlug("conn"), kind: "OPENAI", baseUrl: fake.openAiBaseUrl },
      ADMIN,
    );
    process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
    const before = fake.requests.length;
    expect(await testProviderConnection(provider.id)).toMatchObject({
      ok: false,
      failure: "forbidden_destination",
      message: expect.stringMatching(/refused to connect to 127\.0\.0\.1: .*ALLOW_PRIVATE_UPSTREAMS=true/),
    });
    expect(fake.requests.length).toBe(before);
  });
});
