// MCP tests' parts: app processes (mcp-instance.ts) on free ports, the official SDK client over
// Streamable HTTP with a team key in the Authorization header, raw JSON-RPC posts for what the SDK
// would never send, and a wait for a call's usage event (written in batches by the instance).
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { db } from "@/lib/db";
import { startUpstream, type Upstream } from "../../support/upstream-server";

export type McpInstance = { port: number; url: string; stop(): Promise<void> };

export function startMcpInstance(): Promise<McpInstance> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "mcp-instance.ts"), {
    execArgv: ["--import", "tsx"],
    env: process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", ({ port }: { port: number }) =>
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.send("stop");
          }),
      }),
    );
    child.once("exit", (code) => reject(new Error(`the MCP instance exited with ${code} before listening`)));
  });
}

/** An SDK client connected to `servers` (several: each request goes to the next, round robin). */
export async function connectClient(servers: McpInstance[], path: string, token: string): Promise<Client> {
  let turn = 0;
  const rotate = (input: string | URL | Request, init?: RequestInit) => {
    const target = new URL(input instanceof Request ? input.url : input);
    target.port = String(servers[turn++ % servers.length]!.port);
    return fetch(target, init);
  };
  const transport = new StreamableHTTPClientTransport(new URL(`${servers[0]!.url}${path}`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: rotate,
  });
  const client = new Client({ name: "tollgate-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

export const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

/** A raw POST (what the SDK would never send); the answer's status, headers and parsed body. */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The usage event of an MCP tool call, once the instance has written its batch. */
export async function waitForToolEvent(teamId: string, tool: string, count = 1) {
  for (let tries = 0; tries < 200; tries++) {
    const events = await db.usageEvent.findMany({ where: { teamId, tool }, orderBy: { createdAt: "asc" } });
    if (events.length >= count) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no usage event for tool ${tool}`);
}

export function expectLegalNames(names: string[]) {
  expect(new Set(names).size).toBe(names.length);
  for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
}

/** A test upstream and `count` app processes for the file's tests, started before and stopped after them. */
export function useMcpApps(count = 1): { upstream: () => Upstream; apps: () => McpInstance[] } {
  let upstream: Upstream;
  let apps: McpInstance[] = [];
  beforeAll(async () => {
    [upstream, ...apps] = await Promise.all([startUpstream(), ...Array.from({ length: count }, () => startMcpInstance())]);
  });
  afterAll(async () => {
    await Promise.all([upstream?.close(), ...apps.map((app) => app.stop())]);
  });
  return { upstream: () => upstream, apps: () => apps };
}
