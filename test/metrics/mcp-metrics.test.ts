// MCP tools/call in the metrics by outcome: a tool the API answered (ok), a refusal as an isError
// result (tool_error: here a 402), an unknown tool (invalid). Requests go through the MCP handler in
// this process, with a real upstream and PostgreSQL; the gateway call behind the tool counts too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMcpRequest } from "@/lib/mcp/handle-mcp-request";
import { registry } from "@/lib/metrics/registry";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { expectLedgerInvariant } from "../support/ledger";
import { parseSamples, valueOf, type Sample } from "../support/metrics-text";
import { createMcpFixture } from "../mcp/fixtures";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const scrape = async (): Promise<Sample[]> => parseSamples(await registry.metrics());

async function toolCall(key: string, name: string, args: Record<string, unknown>) {
  const response = await handleMcpRequest(
    new Request("http://localhost:3000/api/mcp", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        authorization: `Bearer ${key}`,
        "mcp-protocol-version": "2025-11-25",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } }),
    }),
    { ip: "203.0.113.7", proto: "http", host: "localhost:3000" },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { result?: { isError?: boolean }; error?: { code: number } };
}

describe("MCP metrics", () => {
  it("count tools/call by outcome: ok, tool_error, invalid", async () => {
    const funded = await createMcpFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n });
    const broke = await createMcpFixture({ upstreamUrl: upstream.url, balance: 0n, price: 1_000n });
    const before = await scrape();

    expect((await toolCall(funded.key, `${funded.slug}_echoGet`, { q: "hi" })).result?.isError).toBeFalsy();
    expect((await toolCall(broke.key, `${broke.slug}_echoGet`, { q: "hi" })).result?.isError).toBe(true);
    expect((await toolCall(funded.key, "no_such_tool", {})).error?.code).toBe(-32602);
    await flushUsage();
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(delta("tollgate_mcp_tool_calls_total", { outcome: "ok" })).toBe(1);
    expect(delta("tollgate_mcp_tool_calls_total", { outcome: "tool_error" })).toBe(1);
    expect(delta("tollgate_mcp_tool_calls_total", { outcome: "invalid" })).toBe(1);
    expect(delta("tollgate_gateway_requests_total", { api: funded.slug, status_class: "2xx", code: "none" })).toBe(1);
    expect(delta("tollgate_gateway_payment_required_total", { api: broke.slug })).toBe(1);
    await expectLedgerInvariant(funded.team.id);
  });
});
