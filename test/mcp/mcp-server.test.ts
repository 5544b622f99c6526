// The MCP server end to end: the official SDK client over Streamable HTTP against an app process,
// tools built from an API's OpenAPI document, and tool calls that are gateway calls (charge, refund,
// 402, 429, usage event with channel mcp and the tool name), with the ledger checked after each.
import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020.js";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { db } from "@/lib/db";
import { expectLedgerInvariant } from "../support/ledger";
import { connectClient, expectLegalNames, postRaw, waitForToolEvent, useMcpApps } from "./support/mcp-harness";
import { createMcpFixture } from "./fixtures";

const mcp = useMcpApps();

const PRICE = 1_000n;
const call = (client: Client, name: string, args: Record<string, unknown> = {}) =>
  client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
const textOf = (result: CallToolResult) => result.content.map((part) => (part.type === "text" ? part.text : "")).join("");

describe("initialize and tools/list", () => {
  it("serves every tool of the document and the built-ins, with legal unique names and valid JSON Schemas", async () => {
    const { slug, key } = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: 1_000_000n, price: PRICE });
    const client = await connectClient(mcp.apps(), "/api/mcp", key);
    expect(client.getServerVersion()?.name).toBe("tollgate");
    expect(client.getInstructions()).toMatch(/credit/);

    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expectLegalNames(names);
    expect(names).toEqual(
      expect.arrayContaining([
        "tollgate_balance",
        "tollgate_usage",
        `${slug}_echoGet`,
        `${slug}_echoPost`,
        `${slug}_status`,
        `${slug}_delete_items_id`,
        `${slug}_put_items_id`,
      ]),
    );
    const ajv = new Ajv2020({ strict: true, strictTypes: false, validateFormats: false });
    for (const tool of tools) {
      expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
      if (tool.outputSchema) expect(() => ajv.compile(tool.outputSchema!), tool.name).not.toThrow();
    }
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    const echoGet = byName[`${slug}_echoGet`]!;
    expect(echoGet.title).toBe("Echo a GET");
    expect(echoGet.description).toContain("Answers with what it received.");
    expect(echoGet.annotations).toMatchObject({ readOnlyHint: true });
    expect(Object.keys(echoGet.inputSchema.properties ?? {})).toEqual(["q", "X-Trace"]); // Authorization is the gateway's
    expect(echoGet.outputSchema).toBeDefined();
    expect(byName[`${slug}_delete_items_id`]!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName[`${slug}_put_items_id`]!.annotations).toMatchObject({ idempotentHint: true, destructiveHint: false });
    // The recursive Node schema is cut where it refers to itself.
    const node = byName[`${slug}_echoPost`]!.inputSchema.properties!.body as any;
    expect(node.properties.children.items.description).toMatch(/Recursive Node/);
    expect(byName[`${slug}_status`]!.inputSchema.required).toEqual(["code"]);
    await client.close();
  });

  it("negotiates protocol 2025-06-18 as well as 2025-11-25, statelessly (no session id)", async () => {
    const { key } = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: 1_000_000n });
    const auth = { authorization: `Bearer ${key}` };
    for (const version of ["2025-06-18", "2025-11-25"]) {
      const init = await postRaw(
        `${mcp.apps()[0]!.url}/api/mcp`,
        JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: { protocolVersion: version, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
        }),
        auth,
      );
      expect(init.status).toBe(200);
      expect(init.json.result.protocolVersion).toBe(version);
      expect(init.headers.get("mcp-session-id")).toBeNull();
      const list = await postRaw(`${mcp.apps()[0]!.url}/api/mcp`, JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }), {
        ...auth,
        "mcp-protocol-version": version,
      });
      expect(list.status).toBe(200);
      expect(list.json.result.tools.length).toBeGreaterThan(2);
    }
  });
});

describe("tools/call runs a gateway call", () => {
  it("charges a success once, returns structuredContent and the JSON as text, and records channel mcp with the tool", async () => {
    const start = 1_000_000n;
    const { slug, key, team } = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: start, price: PRICE });
    const client = await connectClient(mcp.apps(), "/api/mcp", key);
    const result = await call(client, `${slug}_echoGet`, { q: "hello world", "X-Trace": "t-1" });
    expect(result.isError).toBeFalsy();
    const echoed = result.structuredContent as { method: string; url: string; headers: Record<string, string> };
    expect(echoed.method).toBe("GET");
    expect(echoed.url).toBe("/echo?q=hello+world");
    expect(echoed.headers["x-trace"]).toBe("t-1");
    expect(echoed.headers.authorization).toBeUndefined(); // the team key never reaches the API
    expect(JSON.parse(textOf(result))).toEqual(echoed);
    expect(result._meta?.["tollgate/charged"]).toBe("0.001000");

    const posted = await call(client, `${slug}_echoPost`, { body: { name: "root", children: [{ name: "leaf" }] } });
    expect(JSON.parse((posted.structuredContent as { body: string }).body)).toEqual({ name: "root", children: [{ name: "leaf" }] });

    expect(await expectLedgerInvariant(team.id)).toBe(start - 2n * PRICE);
    const [event] = await waitForToolEvent(team.id, `${slug}_echoGet`);
    expect(event).toMatchObject({ channel: "mcp", status: 200, charged: PRICE, refunded: 0n, method: "GET", path: "/echo" });
    await client.close();
  });

  it("returns an upstream 4xx as an isError result with status and body (charged) and a 5xx refunded", async () => {
    const start = 1_000_000n;
    const { slug, key, team } = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: start, price: PRICE });
    const client = await connectClient(mcp.apps(), "/api/mcp", key);

    const notFound = await call(client, `${slug}_status`, { code: 404 });
    expect(notFound.isError).toBe(true);
    expect(notFound.structuredContent).toMatchObject({ status: 404, code: "upstream_error", body: { status: 404 } });
    expect(textOf(notFound)).toMatch(/The API answered 404/);
    expect(await expectLedgerInvariant(team.id)).toBe(start - PRICE);

    const unavailable = await call(client, `${slug}_status`, { code: 503 });
    expect(unavailable.isError).toBe(true);
    expect(unavailable.structuredContent).toMatchObject({ status: 503, code: "upstream_error" });
    expect(textOf(unavailable)).toMatch(/You were not charged/);
    expect(await expectLedgerInvariant(team.id)).toBe(start - PRICE);
    const [event] = await waitForToolEvent(team.id, `${slug}_status`, 2).then((events) => events.filter((e) => e.status === 503));
    expect(event).toMatchObject({ channel: "mcp", charged: PRICE, refunded: PRICE });
    await client.close();
  });

  it("tells the agent what to do when the credit does not cover the call: isError, the 402 fields, nothing charged", async () => {
    const { slug, key, team } = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: 400_000n, price: 500_000n });
    const client = await connectClient(mcp.apps(), "/api/mcp", key);
    const before = mcp.upstream().requests.length;
    const result = await call(client, `${slug}_echoGet`, {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `Your team's credit ($0.40) does not cover this call ($0.50). Top up at http://localhost:3000/${team.slug}/billing, then call again.`,
    );
    expect(result.structuredContent).toMatchObject({
      status: 402,
      code: "insufficient_credit",
      balance: "0.400000",
      price: "0.500000",
      currency: "USD",
      topUpUrl: `http://localhost:3000/${team.slug}/billing`,
    });
    expect(mcp.upstream().requests.length).toBe(before);
    expect(await expectLedgerInvariant(team.id)).toBe(400_000n);

    const balance = await call(client, "tollgate_balance");
    expect(balance.structuredContent).toMatchObject({
      balance: "0.400000",
      currency: "USD",
      formatted: "$0.40",
      topUpUrl: `http://localhost:3000/${team.slug}/billing`,
    });
    await client.close();
  });

  it("says when to retry after a rate limit, and charges only the admitted call", async () => {
    const start = 1_000_000n;
    const { slug, key, team } = await createMcpFixture({
      upstreamUrl: mcp.upstream().url,
      balance: start,
      price: PRICE,
      rateLimit: 1,
      rateLimitWindowSec: 60,
    });
    const client = await connectClient(mcp.apps(), "/api/mcp", key);
    expect((await call(client, `${slug}_echoGet`)).isError).toBeFalsy();
    const limited = await call(client, `${slug}_echoGet`);
    expect(limited.isError).toBe(true);
    expect(limited.structuredContent).toMatchObject({ status: 429, code: "rate_limited" });
    const seconds = (limited.structuredContent as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(textOf(limited)).toMatch(new RegExp(`Call again after ${seconds} s \\(at \\d{4}-`));
    expect(await expectLedgerInvariant(team.id)).toBe(start - PRICE);
    await client.close();
  });

  it("gives an API without a document one generic tool", async () => {
    const { slug, key, team } = await createMcpFixture({
      upstreamUrl: mcp.upstream().url,
      balance: 1_000_000n,
      price: PRICE,
      document: null,
    });
    const client = await connectClient(mcp.apps(), `/api/mcp/${slug}`, key);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["tollgate_balance", "tollgate_usage", `${slug}_request`]);
    const result = await call(client, `${slug}_request`, { method: "POST", path: "/echo/x", query: { a: "1" }, body: { x: 1 } });
    expect(result.structuredContent).toMatchObject({ method: "POST", url: "/echo/x?a=1", body: '{"x":1}' });
    expect(await expectLedgerInvariant(team.id)).toBe(1_000_000n - PRICE);

    const usage = await waitForToolEvent(team.id, `${slug}_request`).then(() => call(client, "tollgate_usage"));
    expect(usage.structuredContent).toMatchObject({
      calls: 1,
      spend: "0.001000",
      apis: [{ api: slug, calls: 1, errors: 0, spend: "0.001000" }],
    });
    await client.close();
  });

  it("answers protocol misuse with JSON-RPC errors: an unknown tool, arguments that do not match", async () => {
    const { slug, key, team } = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: 1_000_000n, price: PRICE });
    const client = await connectClient(mcp.apps(), "/api/mcp", key);
    await expect(call(client, "no_such_tool")).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    const wrongType = await call(client, `${slug}_status`, { code: "four hundred" }).catch((error: McpError) => error);
    expect(wrongType).toBeInstanceOf(McpError);
    expect((wrongType as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((wrongType as McpError).message).toMatch(/code must be integer/);
    await expect(call(client, `${slug}_echoGet`, { unexpected: 1 })).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    await expect(call(client, `${slug}_echoPost`, {})).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    expect(await expectLedgerInvariant(team.id)).toBe(1_000_000n);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE" } })).toBe(0);
    await client.close();
  });
});
