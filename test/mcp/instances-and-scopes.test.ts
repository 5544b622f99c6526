// Statelessness and who sees which tools: one SDK client whose requests alternate between two app
// processes; a key scoped to one API sees only that API's tools; a retired API's tools are gone at
// once, on /api/mcp and on its own /api/mcp/{api}.
import { describe, expect, it } from "vitest";
import { ErrorCode, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { db } from "@/lib/db";
import { expectLedgerInvariant } from "../support/ledger";
import { createRawKey } from "../support/gateway-factories";
import { connectClient, postRaw, waitForToolEvent, useMcpApps } from "./support/mcp-harness";
import { createMcpFixture, ECHO_DOCUMENT } from "./fixtures";

const mcp = useMcpApps(2);

/** A second API for the same team, subscribed on its plan. */
async function addApi(teamId: string, upstreamUrl: string) {
  const other = await createMcpFixture({ upstreamUrl });
  await db.subscription.create({ data: { teamId, apiId: other.api.id, planId: other.plan.id, status: "ACTIVE" } });
  return other;
}

describe("two app processes", () => {
  it("answer one client alternately: initialize on one, list and calls on either", async () => {
    const start = 1_000_000n;
    const { slug, key, team } = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: start, price: 1_000n });
    const client = await connectClient(mcp.apps(), "/api/mcp", key);
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const { tools } = await client.listTools();
      expect(tools.some((tool) => tool.name === `${slug}_echoGet`)).toBe(true);
      const result = (await client.callTool({ name: `${slug}_echoGet`, arguments: { q: String(i) } })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      seen.add(Number(new URL(`http://x${(result.structuredContent as { url: string }).url}`).searchParams.get("q")));
    }
    expect(seen.size).toBe(6);
    expect(await expectLedgerInvariant(team.id)).toBe(start - 6_000n);
    expect(await waitForToolEvent(team.id, `${slug}_echoGet`, 6)).toHaveLength(6);
    await client.close();
  });
});

describe("which tools a caller sees", () => {
  it("a key scoped to one API sees only its tools and cannot call the other's", async () => {
    const first = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: 1_000_000n });
    const second = await addApi(first.team.id, mcp.upstream().url);
    const all = await connectClient(mcp.apps(), "/api/mcp", first.key);
    const everything = (await all.listTools()).tools.map((tool) => tool.name);
    expect(everything).toEqual(expect.arrayContaining([`${first.slug}_echoGet`, `${second.slug}_echoGet`]));

    const { key: scoped } = await createRawKey(first.team.id, { scopeAllApis: false, scopeApiIds: [second.api.id] });
    const client = await connectClient(mcp.apps(), "/api/mcp", scoped);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names.filter((name) => name.startsWith(`${second.slug}_`))).toHaveLength(ECHO_TOOL_COUNT);
    expect(names.some((name) => name.startsWith(`${first.slug}_`))).toBe(false);
    await expect(client.callTool({ name: `${first.slug}_echoGet`, arguments: {} })).rejects.toMatchObject({
      code: ErrorCode.InvalidParams,
    });
    // Its own API's server exists; the other's does not, for this key.
    const other = await postRaw(
      `${mcp.apps()[0]!.url}/api/mcp/${first.slug}`,
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      {
        authorization: `Bearer ${scoped}`,
      },
    );
    expect(other.status).toBe(404);
    const own = await connectClient(mcp.apps(), `/api/mcp/${second.slug}`, scoped);
    expect((await own.listTools()).tools.map((tool) => tool.name)).toEqual(expect.arrayContaining([`${second.slug}_status`]));
    await Promise.all([all.close(), client.close(), own.close()]);
  });

  it("a retired API's tools are gone at once, on /api/mcp and on its own URL", async () => {
    const first = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: 1_000_000n });
    const client = await connectClient(mcp.apps(), "/api/mcp", first.key);
    expect((await client.listTools()).tools.some((tool) => tool.name === `${first.slug}_echoGet`)).toBe(true);
    await db.api.update({ where: { id: first.api.id }, data: { status: "RETIRED", retiredAt: new Date() } });
    for (let i = 0; i < 2; i++) {
      // Both processes, whatever either cached.
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(["tollgate_balance", "tollgate_usage"]);
    }
    await expect(client.callTool({ name: `${first.slug}_echoGet`, arguments: {} })).rejects.toMatchObject({
      code: ErrorCode.InvalidParams,
    });
    const own = await postRaw(
      `${mcp.apps()[1]!.url}/api/mcp/${first.slug}`,
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      {
        authorization: `Bearer ${first.key}`,
      },
    );
    expect(own.status).toBe(404);
    expect(await expectLedgerInvariant(first.team.id)).toBe(1_000_000n);
    await client.close();
  });

  it("a changed document shows at once: the API's tools are rebuilt", async () => {
    const first = await createMcpFixture({ upstreamUrl: mcp.upstream().url, balance: 1_000_000n });
    const client = await connectClient(mcp.apps(), `/api/mcp/${first.slug}`, first.key);
    expect((await client.listTools()).tools).toHaveLength(2 + ECHO_TOOL_COUNT);
    const { "/echo": echo } = ECHO_DOCUMENT.paths;
    await db.api.update({ where: { id: first.api.id }, data: { openapi: { ...ECHO_DOCUMENT, paths: { "/echo": echo } } } });
    for (let i = 0; i < 2; i++) {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(["tollgate_balance", "tollgate_usage", `${first.slug}_echoGet`, `${first.slug}_echoPost`]);
    }
    await client.close();
  });
});

const ECHO_TOOL_COUNT = 5;
