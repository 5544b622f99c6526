// Demo AI provider POST /chat/completions: the deterministic demo model, streamed or not, with usage
// counted by lib/ai/tokens.ts, so what Tollgate counts and what the provider reports agree.
import { randomUUID } from "node:crypto";
import { estimateChatInputTokens } from "@/lib/ai/tokens";
import type { TokenUsage } from "@/lib/ai/types";
import { planAnswer } from "@/lib/demo/ai-answer";
import { aiError, readRequest, requireDemoModel, sseResponse } from "@/lib/demo/ai-http";
import { chatChunkBodies, chatCompletionBody } from "@/lib/demo/ai-openai-wire";
import { answerRequestOf, chosenTool, demoChatRequestSchema, requestedMaxTokens, type DemoChatRequest } from "@/lib/demo/ai-request";
import { json } from "@/lib/demo/responses";

/** Time between streamed chunks: enough to watch an answer arrive, little enough for tests. */
const CHUNK_DELAY_MS = 15;
const TOKENS_PER_CHUNK = 1;

export async function demoChatCompletions(request: Request): Promise<Response> {
  const body = await readRequest(request, demoChatRequestSchema);
  if (body instanceof Response) return body;
  const model = requireDemoModel(body.model, "CHAT");
  if (model instanceof Response) return model;
  const maxTokens = requestedMaxTokens(body, model.maxOutputTokens);
  if (maxTokens > model.maxOutputTokens) {
    const message = `max_tokens is too large: ${maxTokens}. This model supports at most ${model.maxOutputTokens} completion tokens.`;
    return aiError(400, message, "invalid_request_error", "invalid_value", "max_tokens");
  }
  const answer = planAnswer(answerRequestOf(body, toolToCall(body), maxTokens));
  const usage: TokenUsage = { inputTokens: estimateChatInputTokens(body), cachedInputTokens: 0, outputTokens: answer.outputTokens };
  const meta = { id: `chatcmpl-demo-${randomUUID()}`, model: body.model, created: Math.floor(Date.now() / 1000) };
  if (!body.stream) return json(chatCompletionBody(meta, answer, usage));

  const reported = body.stream_options?.include_usage ? usage : null;
  const events = chatChunkBodies(meta, answer, reported, TOKENS_PER_CHUNK).map((chunk) => `data: ${JSON.stringify(chunk.body)}\n\n`);
  return sseResponse([...events, "data: [DONE]\n\n"], CHUNK_DELAY_MS, request.signal);
}

/**
 * The demo calls a tool whenever it is given tools, unless told not to or the last message is a
 * tool's result (then it answers in text): one round of the usual agent loop.
 */
function toolToCall(body: DemoChatRequest) {
  const tool = chosenTool(body);
  const forced = body.tool_choice === "required" || typeof body.tool_choice === "object";
  return tool && (forced || body.messages.at(-1)?.role !== "tool") ? tool : null;
}
