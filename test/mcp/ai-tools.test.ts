// An AI API as an MCP tool: `<slug>_chat` lists the API's chat models, a call runs through the AI
// gateway core (reservation, exact settle on the tokens) and its usage event records channel mcp and
// the tool; out of credit is the same agent-actionable isError result as for REST tools.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { connectClient, waitForToolEvent, useMcpApps } from "./support/mcp-harness";

const mcp = useMcpApps();
let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

describe("an AI API's chat tool", () => {
  it("chats with a model of the API, charged by the tokens, recorded as an MCP call", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: 10_000_000n });
    const client = await connectClient(mcp.apps(), `/api/mcp/${fixture.slug}`, fixture.key);
    const { tools } = await client.listTools();
    const chat = tools.find((tool) => tool.name === `${fixture.slug}_chat`)!;
    expect((chat.inputSchema.properties as any).model.enum).toEqual([fixture.model.publicId]);

    const result = (await client.callTool({
      name: chat.name,
      arguments: { model: fixture.model.publicId, messages: [{ role: "user", content: "hello tools" }], max_tokens: 50 },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ model: fixture.model.publicId, content: expect.stringContaining("hello tools") });
    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(balance).toBeLessThan(10_000_000n);

    const [event] = await waitForToolEvent(fixture.team.id, chat.name);
    expect(event).toMatchObject({ channel: "mcp", status: 200, model: fixture.model.publicId });
    expect(event!.charged - event!.refunded).toBe(10_000_000n - balance);
    await client.close();
  });

  it("out of credit: isError with the top-up sentence, nothing charged", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: 1n });
    const client = await connectClient(mcp.apps(), "/api/mcp", fixture.key);
    const result = (await client.callTool({
      name: `${fixture.slug}_chat`,
      arguments: { model: fixture.model.publicId, messages: [{ role: "user", content: "hi" }] },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({
      status: 402,
      code: "insufficient_credit",
      topUpUrl: expect.stringContaining("/billing"),
    });
    expect((result.content[0] as { text: string }).text).toMatch(
      /^Your team's credit \(\$0\.000001\) does not cover this call \(\$[\d.]+\)\. Top up at .*, then call again\.$/,
    );
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(1n);
    await client.close();
  });
});
