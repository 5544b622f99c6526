// What the SDK would never send: oversized bodies, batch abuse, invalid JSON and JSON-RPC, huge and
// deeply nested arguments, wrong methods, foreign Origins, no credentials, a key in the URL. Each is
// a clear JSON-RPC error with a 4xx (never a 500), and none reaches the API or charges anything.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MCP_LIMITS } from "@/lib/mcp/jsonrpc-body";
import { expectLedgerInvariant } from "../support/ledger";
import { postRaw, MCP_HEADERS, useMcpApps } from "./support/mcp-harness";
import { createMcpFixture } from "./fixtures";

const mcp = useMcpApps();

const START = 1_000_000n;
const toolCall = (id: number, name: string, args: unknown) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: args },
});

describe("bad input to /api/mcp", () => {
  it("refuses every kind with a clear JSON-RPC error, never a 500, never a charge", async () => {
    const { slug, key, team } = await createMcpFixture({
      upstreamUrl: mcp.upstream().url,
      balance: START,
      price: 1_000n,
      maxRequestBytes: 1024,
    });
    const url = `${mcp.apps()[0]!.url}/api/mcp`;
    const auth = { authorization: `Bearer ${key}`, "mcp-protocol-version": "2025-11-25" };
    const before = mcp.upstream().requests.length;
    const cases: {
      name: string;
      send: () => Promise<{ status: number; json: any; headers: Headers }>;
      status: number;
      code?: number;
      message: RegExp;
    }[] = [
      {
        name: "oversized body",
        send: () => postRaw(url, JSON.stringify(toolCall(1, `${slug}_echoGet`, { q: "x".repeat(MCP_LIMITS.maxBodyBytes) })), auth),
        status: 413,
        code: -32600,
        message: /larger than 1 MiB/,
      },
      {
        name: "a batch over the message limit",
        send: () =>
          postRaw(url, JSON.stringify(Array.from({ length: 11 }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "tools/list" }))), auth),
        status: 400,
        code: -32600,
        message: /at most 10 messages/,
      },
      {
        name: "a batch of too many tool calls",
        send: () => postRaw(url, JSON.stringify(Array.from({ length: 6 }, (_, i) => toolCall(i, `${slug}_echoGet`, {}))), auth),
        status: 400,
        code: -32600,
        message: /at most 5 tools\/call/,
      },
      {
        name: "an empty batch",
        send: () => postRaw(url, "[]", auth),
        status: 400,
        code: -32600,
        message: /empty batch/,
      },
      {
        name: "one id twice in a batch",
        send: () => postRaw(url, JSON.stringify([toolCall(7, `${slug}_echoGet`, {}), toolCall(7, `${slug}_echoGet`, {})]), auth),
        status: 400,
        code: -32600,
        message: /used twice/,
      },
      {
        name: "invalid JSON",
        send: () => postRaw(url, '{"jsonrpc": "2.0", "id": 1, "method": ', auth),
        status: 400,
        code: -32700,
        message: /not valid JSON/,
      },
      {
        name: "not JSON-RPC",
        send: () => postRaw(url, JSON.stringify({ hello: "world" }), auth),
        status: 400,
        code: -32600,
        message: /not a JSON-RPC/,
      },
      {
        name: "a body nested a million deep",
        send: () => postRaw(url, `${"[".repeat(500_000)}${"]".repeat(500_000)}`, auth),
        status: 400,
        code: -32600,
        message: /nested more than 64/,
      },
      {
        name: "deeply nested tool arguments",
        send: () =>
          postRaw(
            url,
            JSON.stringify(toolCall(1, `${slug}_echoPost`, { body: JSON.parse(`${'{"a":'.repeat(80)}1${"}".repeat(80)}`) })),
            auth,
          ),
        status: 400,
        code: -32600,
        message: /nested more than 64/,
      },
      {
        name: "GET",
        send: () => fetch(url, { headers: { ...MCP_HEADERS, ...auth } }).then(parse),
        status: 405,
        code: -32600,
        message: /stateless/,
      },
      {
        name: "DELETE",
        send: () => fetch(url, { method: "DELETE", headers: auth }).then(parse),
        status: 405,
        code: -32600,
        message: /POST/,
      },
      {
        name: "a foreign Origin",
        send: () =>
          postRaw(url, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), { ...auth, origin: "https://evil.example" }),
        status: 403,
        message: /Origin/,
      },
      {
        name: "no credentials",
        send: () => postRaw(url, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" })),
        status: 401,
        message: /team API key/,
      },
      {
        name: "a key in the URL",
        send: () => postRaw(`${url}?key=${key}`, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), auth),
        status: 400,
        message: /Never put an API key in the URL/,
      },
      {
        name: "an unknown path under /api/mcp",
        send: () => postRaw(`${mcp.apps()[0]!.url}/api/mcpx`, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), auth),
        status: 404,
        message: /no MCP server/,
      },
      {
        name: "an API the team cannot call",
        send: () => postRaw(`${url}/no-such-api`, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }), auth),
        status: 404,
        message: /cannot call an API "no-such-api"/,
      },
      {
        name: "an unknown method",
        send: () => postRaw(url, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/explode" }), auth),
        status: 200,
        code: -32601,
        message: /not found/i,
      },
    ];
    for (const test of cases) {
      const answer = await test.send();
      expect(answer.status, test.name).toBe(test.status);
      expect(answer.json?.jsonrpc, test.name).toBe("2.0");
      expect(answer.json.error.message, test.name).toMatch(test.message);
      if (test.code) expect(answer.json.error.code, test.name).toBe(test.code);
    }

    // Arguments within the MCP limit but over the plan's: the gateway's 413 before any charge.
    const huge = await postRaw(url, JSON.stringify(toolCall(9, `${slug}_echoPost`, { body: { name: "x".repeat(200_000) } })), auth);
    expect(huge.status).toBe(200);
    expect(huge.json.result.isError).toBe(true);
    expect(huge.json.result.structuredContent).toMatchObject({ status: 413, code: "payload_too_large" });

    const unauthorised = await postRaw(url, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }));
    expect(unauthorised.headers.get("www-authenticate")).toBe(
      'Bearer resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/api/mcp"',
    );

    expect(mcp.upstream().requests.length).toBe(before);
    expect(await expectLedgerInvariant(team.id)).toBe(START);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE" } })).toBe(0);
  });
});

async function parse(response: Response) {
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) };
}
