// "Test connection": asks a saved provider for its model list the way the gateway will reach it
// (the same guarded, pooled undici agents and address policy as lib/ai/gateway/call-provider.ts),
// and answers either the model ids or what failed. OpenAI-compatible: GET {base}/models with the
// bearer key; Anthropic: GET {base}/v1/models with x-api-key and anthropic-version. The key is sent
// to the provider only: it is never logged, and every message is scrubbed of it.
import { request } from "undici";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { decryptSecret } from "@/lib/crypto";
import { agentFor } from "@/lib/gateway/forward";
import { connectPolicy } from "@/lib/net/guarded-lookup";
import { providerWhere } from "@/lib/ai/registry/get-provider";
import {
  describeConnectError,
  describeStatus,
  providerMessage,
  redactSecrets,
  scrubSecrets,
  type ConnectionFailure,
} from "@/lib/ai/registry/connection-failure";

/** A test must not keep the admin waiting for a provider's long answer timeout. */
const MAX_TEST_ANSWER_MS = 15_000;
/** Model lists can be long (OpenRouter lists hundreds, with descriptions); anything larger is not a list. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_MODEL_IDS = 1_000;
const ANTHROPIC_VERSION = "2023-06-01";

export type ConnectionTest =
  | { ok: true; status: number; models: string[]; latencyMs: number; message: string }
  | { ok: false; failure: ConnectionFailure; status: number | null; latencyMs: number; message: string };

type Target = { kind: "OPENAI" | "ANTHROPIC"; baseUrl: string; apiKey: string | null; extraHeaders: Record<string, string> };

function requestFor(target: Target): { url: URL; headers: Record<string, string> } {
  const base = target.baseUrl.replace(/\/+$/, "");
  const auth: Record<string, string> =
    target.kind === "ANTHROPIC"
      ? { ...(target.apiKey ? { "x-api-key": target.apiKey } : {}), "anthropic-version": ANTHROPIC_VERSION }
      : target.apiKey
        ? { authorization: `Bearer ${target.apiKey}` }
        : {};
  const url = new URL(target.kind === "ANTHROPIC" ? `${base}/v1/models?limit=1000` : `${base}/models`);
  return { url, headers: { ...target.extraHeaders, ...auth, accept: "application/json" } };
}

async function readBody(body: AsyncIterable<Buffer>): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** `{ data: [{ id }] }` is what both OpenAI and Anthropic list (Ollama, vLLM, Groq… too). */
function modelIds(json: unknown): string[] | null {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  const ids = data.map((entry) => (entry as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === "string");
  if (ids.length !== data.length) return null;
  return [...new Set(ids)].sort().slice(0, MAX_MODEL_IDS);
}

export async function testConnection(target: Target, timeouts: { connectTimeoutMs: number; timeoutMs: number }): Promise<ConnectionTest> {
  const started = performance.now();
  const secrets = [target.apiKey ?? "", ...Object.values(target.extraHeaders)];
  const answerMs = Math.min(timeouts.timeoutMs, MAX_TEST_ANSWER_MS);
  const { url, headers } = requestFor(target);
  const done = <T extends object>(result: T) => ({ ...result, latencyMs: Math.round(performance.now() - started) });
  const fail = (report: { failure: ConnectionFailure; status: number | null; message: string }): ConnectionTest =>
    done({ ok: false as const, ...report, message: redactSecrets(report.message, secrets) });
  try {
    const policy = connectPolicy(url.href);
    if (typeof policy !== "string") throw policy;
    const response = await request(url, {
      method: "GET",
      headers,
      dispatcher: agentFor(timeouts.connectTimeoutMs, policy === "guarded"),
      headersTimeout: answerMs,
      bodyTimeout: answerMs,
      signal: AbortSignal.timeout(answerMs + timeouts.connectTimeoutMs),
    });
    const text = await readBody(response.body);
    if (response.statusCode < 200 || response.statusCode >= 300) {
      return fail(describeStatus(response.statusCode, url, scrubSecrets(providerMessage(text ?? ""), secrets)));
    }
    if (text === null)
      return fail({ failure: "unexpected_shape", status: response.statusCode, message: "The model list is larger than 8 MiB." });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const type = String(response.headers["content-type"] ?? "no content type").split(";")[0];
      return fail({
        failure: "not_json",
        status: response.statusCode,
        message: `GET ${url.pathname} answered ${response.statusCode} with something that is not JSON (${type}): the base URL probably points at a web page, not the API.`,
      });
    }
    const models = modelIds(json);
    if (!models) {
      return fail({
        failure: "unexpected_shape",
        status: response.statusCode,
        message: `GET ${url.pathname} answered JSON without a model list ({"data": [{"id": …}]}): is this the right kind of provider?`,
      });
    }
    const count = models.length === 1 ? "1 model" : `${models.length} models`;
    return done({ ok: true as const, status: response.statusCode, models, message: `Connected: the provider lists ${count}.` });
  } catch (error) {
    return fail(describeConnectError(error, url, { connectMs: timeouts.connectTimeoutMs, answerMs }));
  }
}

/** Tests a saved provider (`ref`: its id or slug). */
export async function testProviderConnection(ref: string): Promise<ConnectionTest> {
  const row = await db.aiProvider.findFirst({ where: providerWhere(ref) });
  if (!row) throw notFound("This provider");
  const target: Target = {
    kind: row.kind,
    baseUrl: row.baseUrl,
    apiKey: row.apiKeyEncrypted ? decryptSecret(row.apiKeyEncrypted) : null,
    extraHeaders: row.extraHeadersEncrypted ? (JSON.parse(decryptSecret(row.extraHeadersEncrypted)) as Record<string, string>) : {},
  };
  return testConnection(target, row);
}
