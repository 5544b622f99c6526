// The AI gateway mounted on node:http beside the REST gateway (what `npm start` serves): a streamed
// call through a real socket, charged exactly, and pages still reach their own handler.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { createAppServer, stopServer } from "@/lib/gateway/node-server";
import { AI_PATH_PREFIX, handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { costOf } from "@/lib/ai/pricing";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage } from "../support/fake-ai/expected";
import { createAiFixture } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
let base: string;
const server = createAppServer({
  origin: "http://localhost:3000",
  pages: (_req, res) => void res.end("a page"),
  mounts: [{ prefix: `${AI_PATH_PREFIX}/`, handler: (request) => handleAiRequest(request) }],
});
beforeAll(async () => {
  fake = await startFakeAiProvider();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await stopServer(server, { graceMs: 1_000 });
  await fake.close();
});

describe("the AI gateway on node:http", () => {
  it("streams a call through a real socket and settles it exactly", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const client = new OpenAI({ apiKey: fixture.key, baseURL: `${base}${AI_PATH_PREFIX}`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: fixture.model.publicId,
      messages: [{ role: "user", content: "over a real socket" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toMatch(/^Echo: over a real socket/);
    const cost = costOf(countedUsage(fake.requests.at(-1)!), fixture.prices, 0n);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n - cost);
    expect(await (await fetch(`${base}/catalog`)).text()).toBe("a page");
  });
});
