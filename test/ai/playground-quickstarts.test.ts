// The AI API page's quickstarts work when pasted: each is run as written (curl in a shell, the
// OpenAI and Anthropic SDK scripts with node) against the AI gateway on a real socket, with only
// TOLLGATE_KEY in the environment, and answers through the fake provider. The Python one is read,
// not run (no Python openai package on these machines); Claude Code's variables are the Anthropic
// SDK's base URL, which the Anthropic script exercises.
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { aiBaseUrls, quickstartSnippets, type Quickstart } from "@/components/ai/quickstart-snippets";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture } from "../support/ai-factories";

const run = promisify(execFile);

let fake: FakeAiProvider;
let server: http.Server;
let origin: string;

/** /api/ai/v1/… on node:http, the way the app answers it. */
function serveAi(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
    const response = await handleAiRequest(new Request(`${origin}${req.url}`, { method: req.method, headers, body }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
    else res.end();
  });
}

beforeAll(async () => {
  fake = await startFakeAiProvider();
  server = http.createServer(serveAi);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
});

const snippet = (quickstarts: Quickstart[], id: string) => quickstarts.find((quickstart) => quickstart.id === id)!.code;

/** Node scripts live inside the repository, so `import "openai"` resolves to its node_modules. */
async function runNodeScript(code: string, key: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(process.cwd(), "node_modules", ".cache-quickstart-"));
  try {
    const file = path.join(dir, "quickstart.mjs");
    fs.writeFileSync(file, code);
    const { stdout } = await run(process.execPath, [file], { env: { ...process.env, TOLLGATE_KEY: key }, timeout: 30_000 });
    return stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("quickstart snippets", () => {
  it("name this installation's base URLs and the API's model, and never a key", () => {
    expect(aiBaseUrls("https://tollgate.example.com/")).toEqual({
      openai: "https://tollgate.example.com/api/ai/v1",
      anthropic: "https://tollgate.example.com/api/ai",
    });
    const quickstarts = quickstartSnippets("https://tollgate.example.com", { chat: "demo-chat", embeddings: "demo-embed" });
    expect(quickstarts.map((quickstart) => quickstart.id)).toEqual(["curl", "openai-js", "openai-python", "anthropic-js", "claude-code"]);
    for (const { code } of quickstarts) {
      expect(code).toContain("demo-chat");
      expect(code).toContain("TOLLGATE_KEY");
      expect(code).not.toMatch(/tg_(live|test)_/);
    }
    expect(snippet(quickstarts, "openai-python")).toContain(
      'OpenAI(base_url="https://tollgate.example.com/api/ai/v1", api_key=os.environ["TOLLGATE_KEY"])',
    );
    expect(snippet(quickstarts, "claude-code").split("\n")).toEqual([
      "export ANTHROPIC_BASE_URL=https://tollgate.example.com/api/ai",
      "export ANTHROPIC_AUTH_TOKEN=$TOLLGATE_KEY",
      "export ANTHROPIC_MODEL=demo-chat",
      expect.stringMatching(/^# /),
      "export ANTHROPIC_DEFAULT_HAIKU_MODEL=demo-chat",
      "claude",
    ]);
    // An API with only an embeddings model gets the OpenAI-format ones, for embeddings.
    const embeddingsOnly = quickstartSnippets("https://tollgate.example.com", { chat: null, embeddings: "demo-embed" });
    expect(embeddingsOnly.map((quickstart) => quickstart.id)).toEqual(["curl", "openai-js", "openai-python"]);
    expect(snippet(embeddingsOnly, "curl")).toContain("https://tollgate.example.com/api/ai/v1/embeddings");
  });

  it("answer when pasted: curl, the OpenAI SDK and the Anthropic SDK, with the key from the environment", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const quickstarts = quickstartSnippets(origin, { chat: fixture.model.publicId, embeddings: null });

    const curl = await run("bash", ["-c", snippet(quickstarts, "curl")], {
      env: { ...process.env, TOLLGATE_KEY: fixture.key },
      timeout: 30_000,
    });
    expect(JSON.parse(curl.stdout).choices[0].message.content).toMatch(/^Echo: Hello! What can you do\?/);

    expect(await runNodeScript(snippet(quickstarts, "openai-js"), fixture.key)).toMatch(/^Echo: Hello! What can you do\?/);
    expect(await runNodeScript(snippet(quickstarts, "anthropic-js"), fixture.key)).toMatch(/^Echo: Hello! What can you do\?/);
  });
});
