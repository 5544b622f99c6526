// Request reading and OpenAI-shaped errors for the demo AI provider (plain Fetch API objects).
import type { z } from "zod";
import { findDemoModel, type DemoAiModel } from "@/lib/demo/ai-models";
import { openAiError } from "@/lib/demo/ai-openai-wire";
import { json, sleep } from "@/lib/demo/responses";
import { readLimited } from "@/lib/http/read-limited";

/** Larger than any prompt the demo model's 32k context could hold, small enough to bound memory. */
const BODY_LIMIT = 4 * 1024 * 1024;

export function aiError(
  status: number,
  message: string,
  type = "invalid_request_error",
  code: string | null = null,
  param: string | null = null,
) {
  return json(openAiError(message, type, code, param), status);
}

/** The demo model `id` (of `kind` when given), or the 404 OpenAI answers for a model it does not serve. */
export function requireDemoModel(id: string, kind?: DemoAiModel["kind"]): DemoAiModel | Response {
  const model = findDemoModel(id);
  if (model && (!kind || model.kind === kind)) return model;
  const what = kind ? ` or is not ${kind === "CHAT" ? "a chat" : "an embeddings"} model` : "";
  return aiError(404, `The model \`${id}\` does not exist${what}.`, "invalid_request_error", "model_not_found", "model");
}

/** The request's JSON body checked against `schema`, or the 4xx a provider would answer. */
export async function readRequest<T>(request: Request, schema: z.ZodType<T>): Promise<T | Response> {
  const { bytes, truncated } = await readLimited(request.body, BODY_LIMIT);
  if (truncated) return aiError(413, `The request body is larger than ${BODY_LIMIT} bytes.`, "invalid_request_error", "request_too_large");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return aiError(400, "The request body is not valid JSON.", "invalid_request_error", "invalid_json");
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.join(".") || null;
  return aiError(400, `Invalid value for '${param ?? "body"}': ${issue.message}`, "invalid_request_error", "invalid_value", param);
}

/**
 * Server-sent events, pulled one at a time (a slow reader holds the model back), `delayMs` apart
 * like tokens arriving from a real model; a caller who leaves stops the timers.
 */
export function sseResponse(events: readonly string[], delayMs: number, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next >= events.length) return controller.close();
      if (next > 0 && delayMs > 0 && !(await sleep(delayMs, signal))) return controller.error(new Error("the caller went away"));
      controller.enqueue(encoder.encode(events[next++]));
      if (next === events.length) controller.close();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}
