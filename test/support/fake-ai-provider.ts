// A fake AI provider for tests: node:http on 127.0.0.1 and a free port, speaking OpenAI
// (POST /v1/chat/completions streamed or not, POST /v1/embeddings, GET /v1/models) and Anthropic
// (POST /v1/messages streamed or not, GET /v1/models with `anthropic-version`), as both document them.
// Routes match on the end of the path, so a base URL with or without /v1 reaches them.
//
// Deterministic: the answer echoes the last user (or tool) message, "Echo: <first 64 words>", cut to
// max_tokens; usage is exact: output = countTextTokens of the answer (tool calls: name + arguments),
// input = estimateChatInputTokens of the body (Anthropic bodies read as the equivalent chat request,
// see fake-ai/anthropic-request.ts). Misbehaviour per request: fake-ai/behaviour.ts. Every request is
// recorded with its headers, body, planned and reported usage and what was delivered.
// The OpenAI side checks `Authorization: Bearer <apiKey>`, the Anthropic side `x-api-key` (or the bearer
// token its SDK 1.x sends) and `anthropic-version`.
import { EventEmitter, once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicFail, anthropicMessages, anthropicModels } from "./fake-ai/anthropic";
import { NO_BEHAVIOUR, parseBehaviour } from "./fake-ai/behaviour";
import { FAKE_API_KEY } from "./fake-ai/constants";
import type { Exchange, FakeAiRequest } from "./fake-ai/exchange";
import { openAiChat, openAiEmbeddings, openAiFail, openAiFailBefore, openAiModels } from "./fake-ai/openai";

export type { FakeBehaviour } from "./fake-ai/behaviour";
export type { FakeAiRequest } from "./fake-ai/exchange";
export { FAKE_API_KEY, FAKE_MODELS } from "./fake-ai/constants";
export * from "./fake-ai/expected";

export type FakeAiProvider = {
  /** e.g. http://127.0.0.1:43123: the Anthropic SDK's baseURL (it appends /v1/messages) */
  url: string;
  /** `${url}/v1`: the OpenAI SDK's baseURL and an OpenAI-kind provider's base URL */
  openAiBaseUrl: string;
  apiKey: string;
  requests: FakeAiRequest[];
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

type Endpoint = "chat" | "embeddings" | "models" | "messages";

const ENDPOINTS: Record<string, { method: string; endpoint: Endpoint }> = {
  "chat/completions": { method: "POST", endpoint: "chat" },
  embeddings: { method: "POST", endpoint: "embeddings" },
  models: { method: "GET", endpoint: "models" },
  messages: { method: "POST", endpoint: "messages" },
};

export async function startFakeAiProvider(options: { apiKey?: string } = {}): Promise<FakeAiProvider> {
  const apiKey = options.apiKey ?? FAKE_API_KEY;
  const requests: FakeAiRequest[] = [];
  const published = new EventEmitter();

  const server = http.createServer((req, res) => {
    const record: FakeAiRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: { ...req.headers },
      body: "",
      json: null,
      format: null,
      behaviour: null,
      answer: null,
      planned: null,
      reported: null,
      delivered: "",
      completed: false,
      aborted: false,
    };
    const cleanups: (() => void)[] = [];
    res.on("close", () => {
      if (!res.writableFinished) record.aborted = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
    });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      record.body = Buffer.concat(chunks).toString("utf8");
      record.json = parseJson(record.body);
      requests.push(record);
      published.emit("request");
      void route({ res, record, behaviour: NO_BEHAVIOUR, onClose: (cleanup) => cleanups.push(cleanup) }, apiKey, requests.length);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openAiBaseUrl: `${url}/v1`,
    apiKey,
    requests,
    async waitForRequests(n, timeoutMs = 5_000) {
      const signal = AbortSignal.timeout(timeoutMs);
      while (requests.length < n) {
        await once(published, "request", { signal }).catch(() => {
          throw new Error(`fake AI provider: expected ${n} request(s) within ${timeoutMs} ms, got ${requests.length}`);
        });
      }
    },
    close() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections(); // hung answers and open streams would keep close() waiting
      return closed;
    },
  };
}

async function route(received: Exchange, apiKey: string, sequence: number) {
  const { res, record } = received;
  const path = new URL(record.url, "http://fake.invalid").pathname.replace(/\/+$/, "");
  const found = Object.entries(ENDPOINTS).find(([suffix]) => path.endsWith(`/${suffix}`))?.[1];
  const anthropic = found?.endpoint === "messages" || (found?.endpoint === "models" && record.headers["anthropic-version"] !== undefined);
  record.format = anthropic ? "anthropic" : "openai";
  res.setHeader(anthropic ? "request-id" : "x-request-id", `req_fake_${sequence}`);
  const fail = (status: number, message: string, code: string | null = null) =>
    anthropic ? anthropicFail(res, status, message) : openAiFail(res, status, message, "invalid_request_error", code);

  if (!found || found.method !== record.method) return fail(404, `Unknown request URL: ${record.method} ${path}`, "unknown_url");
  // Anthropic takes `x-api-key`; its SDK 1.x (API version 2026-10-21) sends the key as a bearer token instead.
  const bearer = record.headers.authorization === `Bearer ${apiKey}`;
  if (anthropic ? record.headers["x-api-key"] !== apiKey && !bearer : !bearer) {
    return fail(401, anthropic ? "invalid x-api-key" : "Incorrect API key provided.", "invalid_api_key");
  }
  if (anthropic && !record.headers["anthropic-version"]) return fail(400, "anthropic-version: header is required");
  if (record.method === "POST" && (typeof record.json !== "object" || record.json === null))
    return fail(400, "The body is not a JSON object.");

  const model = (record.json as { model?: unknown } | null)?.model;
  const behaviour = parseBehaviour(typeof model === "string" ? model : "", String(record.headers["x-fake-behaviour"] ?? ""));
  if (behaviour instanceof Error) return fail(400, behaviour.message);
  const exchange = { ...received, behaviour };
  record.behaviour = behaviour;
  if (behaviour.hang) return; // `aborted` turns true when the client gives up
  if (behaviour.errorBefore !== null) {
    return anthropic
      ? anthropicFail(res, behaviour.errorBefore, `The fake provider was told to fail (${behaviour.errorBefore}).`)
      : openAiFailBefore(res, behaviour.errorBefore);
  }
  if (found.endpoint === "chat") return openAiChat(exchange, `chatcmpl-fake-${sequence}`);
  if (found.endpoint === "embeddings") return openAiEmbeddings(exchange);
  if (found.endpoint === "messages") return anthropicMessages(exchange, `msg_fake_${sequence}`);
  return anthropic ? anthropicModels(exchange) : openAiModels(exchange);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // the route answers 400 to a POST whose body is not JSON
  }
}
