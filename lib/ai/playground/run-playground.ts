// The playground's call: a signed-in member picks one of their team's keys and a chat model of the
// API, and the conversation runs through the AI gateway core with that key, streamed with usage, so
// it is authenticated, rate-limited, reserved, settled and recorded like any call. Nobody sends or
// sees the key itself; the stream's final usage chunk carries the cost (`tollgate: {charged, balance}`).
import { appUrl } from "@/lib/env";
import { invalid, validateInput } from "@/lib/validation";
import { resolveMemberKey } from "@/lib/try-it/resolve-member-key";
import { AI_PATH_PREFIX, handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { apiPublishesChatModel } from "@/lib/ai/registry/list-api-models";
import { playgroundRequestSchema, type PlaygroundRequest } from "@/lib/ai/playground/playground-schema";

/** Headers of the gateway's answer that the playground passes on (the cost travels in the stream). */
const PASSED_HEADERS = ["content-type", "x-request-id", "x-tollgate-model", "retry-after", "ratelimit-limit", "ratelimit-remaining"];

/**
 * `input` is what the playground posted (a PlaygroundRequest), validated here. Answers the gateway's
 * response as it is: a 200 event stream, or its error (402 with the top-up link, 404 for a model the
 * team has no access to, 429 …). Throws AppError for what never reaches the gateway.
 */
export async function runPlayground(
  userId: string,
  input: PlaygroundRequest | unknown,
  options: { signal?: AbortSignal } = {},
): Promise<Response> {
  const call = validateInput(playgroundRequestSchema, input);
  // Membership and the key's team are checked in the database on every call, as for try-it.
  const key = await resolveMemberKey(userId, call.team, call.keyId);
  if (!(await apiPublishesChatModel(call.api, call.model))) throw invalid({ model: "This API has no such chat model." });

  const messages = [...(call.system.trim() ? [{ role: "system" as const, content: call.system }] : []), ...call.messages];
  const request = new Request(`${new URL(appUrl()).origin}${AI_PATH_PREFIX}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: call.model, messages, stream: true, stream_options: { include_usage: true } }),
    signal: options.signal,
  });
  const answer = await handleAiRequest(request, { presetKey: key, signal: options.signal });
  const headers = new Headers({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
  for (const name of PASSED_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(answer.body, { status: answer.status, headers });
}
