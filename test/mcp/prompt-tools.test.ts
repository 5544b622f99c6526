// A Prompt API as an MCP tool, for free: its generated OpenAPI document (stored with the API) gives a
// tool whose input is the prompt's variables; the call is a Prompt API call through the gateway
// (reserved, settled on the tokens, the usage event with the prompt's version, channel mcp and the
// tool), and variables its schema refuses are the JSON-RPC error -32602, never a charge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createPromptFixture } from "../support/prompt-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { connectClient, waitForToolEvent, useMcpApps } from "./support/mcp-harness";

const mcp = useMcpApps();
let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

describe("a Prompt API's tool", () => {
  it("takes the prompt's variables and answers its output, metered as a Prompt API call", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, balance: 10_000_000n });
    const client = await connectClient(mcp.apps(), "/api/mcp", fixture.key);
    const name = `${fixture.slug}_${fixture.slug.replace(/-/g, "_")}`;
    const tool = (await client.listTools()).tools.find((candidate) => candidate.name === name)!;
    expect(Object.keys((tool.inputSchema.properties as any).body.properties).sort()).toEqual(["audience", "text", "words"]);
    expect(tool.outputSchema).toBeDefined();

    const result = (await client.callTool({ name, arguments: { body: { text: "The cat sat on the mat.", words: 5 } } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ model: fixture.model.publicId, output: expect.stringContaining("The cat sat") });
    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(balance).toBeLessThan(10_000_000n);
    const [event] = await waitForToolEvent(fixture.team.id, name);
    expect(event).toMatchObject({ channel: "mcp", status: 200, promptVersion: 1 });

    // Variables the prompt's schema refuses never reach the gateway: -32602, nothing charged.
    await expect(client.callTool({ name, arguments: { body: { text: "x", words: "five" } } })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/body\/words must be number/),
    });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(balance);
    await client.close();
  });
});
