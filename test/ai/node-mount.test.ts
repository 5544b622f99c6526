// The AI gateway mounted on node:http beside the REST gateway (what `npm start` serves, serve-ai-node.ts):
// a streamed call through a real socket, charged exactly; JSON answers in one write with their
// length and every header; pages still reach their own handler. (The refusals and abandoned streams
// run on both mounts in admission.test.ts and messages-and-translation.test.ts.)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { createAppServer, stopServer } from "@/lib/gateway/node-server";
import { AI_PATH_PREFIX } from "@/lib/ai/gateway/handle-ai-request";
import { serveAiNode } from "@/lib/ai/gateway/serve-ai-node";
import { gatewayAmount } from "@/lib/money";
import { costOf } from "@/lib/ai/pricing";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage, expectedCharge } from "../support/fake-ai/expected";
import { createAiFixture } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
let base: string;
const server = createAppServer({
  origin: "http://localhost:3000",
  pages: (_req, res) => void res.end("a page"),
  mounts: [{ prefix: `${AI_PATH_PREFIX}/`, serve: serveAiNode }],
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

  it("answers a JSON call in full with its content-length and every header, charged exactly", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const content = "a long answer please ".repeat(200);
    const head = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const request = http.request(`${base}${AI_PATH_PREFIX}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" },
      });
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      });
      request.on("error", reject);
      request.end(JSON.stringify({ model: fixture.model.publicId, messages: [{ role: "user", content }] }));
    });
    expect(head.status).toBe(200);
    expect(head.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(head.headers["content-length"])).toBe(head.body.byteLength);
    const completion = JSON.parse(head.body.toString("utf8"));
    expect(completion.model).toBe(fixture.model.publicId);
    expect(completion.choices[0].message.content).toContain("a long answer please");
    const cost = expectedCharge(fake.requests.at(-1)!, fixture.prices, 0n);
    expect(head.headers).toMatchObject({
      "content-type": "application/json",
      "cache-control": "no-store",
      "x-tollgate-model": fixture.model.publicId,
      "x-credit-charged": gatewayAmount(cost),
      "x-credit-balance": gatewayAmount(10_000_000n - cost),
      "ratelimit-limit": expect.any(String),
      "ratelimit-remaining": expect.any(String),
      "ratelimit-reset": expect.any(String),
    });
    expect(head.headers["x-request-id"]).toMatch(/\S/);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n - cost);

    const list = await fetch(`${base}${AI_PATH_PREFIX}/models`, { headers: { authorization: `Bearer ${fixture.key}` } });
    const listed = await list.text();
    expect(Number(list.headers.get("content-length"))).toBe(Buffer.byteLength(listed));
    expect(JSON.parse(listed).data.map((model: { id: string }) => model.id)).toEqual([fixture.model.publicId]);
  });
});
