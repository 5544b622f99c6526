// The fake provider's Anthropic half: POST /v1/messages, streamed or not, and GET /v1/models, in the
// shapes Anthropic documents (message, content blocks, the message_start … message_stop events).
import type http from "node:http";
import type { TokenUsage } from "@/lib/ai/types";
import type { PlannedAnswer } from "@/lib/demo/ai-answer";
import { splitByTokens } from "@/lib/demo/ai-text";
import { planAnthropicMessage } from "./anthropic-request";
import { FAKE_CREATED, FAKE_MODELS } from "./constants";
import { sendAnswer, sendJson, sendStream, type Exchange, type StreamEvent } from "./exchange";

const STOP_REASONS = { stop: "end_turn", length: "max_tokens", tool: "tool_use" } as const;

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

export function anthropicError(status: number, message: string) {
  return { type: "error", error: { type: ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error"), message } };
}

export function anthropicFail(res: http.ServerResponse, status: number, message: string) {
  sendJson(res, status, anthropicError(status, message), status === 429 ? { "retry-after": "1" } : {});
}

/** Anthropic's usage: input_tokens is only the input neither read from nor written to the cache. */
function anthropicUsage(usage: TokenUsage, cacheWrite: number) {
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens - cacheWrite,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
  };
}

function contentBlock(answer: PlannedAnswer, streamed: boolean) {
  const call = answer.toolCall;
  if (!call) return { type: "text", text: streamed ? "" : answer.text };
  // A stream sends the input as JSON pieces; a cut (max_tokens) input is not valid JSON, so it stays {}.
  const input = streamed || answer.finish !== "tool" ? {} : JSON.parse(call.arguments);
  return { type: "tool_use", id: call.id.replace(/^call_/, "toolu_"), name: call.name, input };
}

const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

export async function anthropicMessages(exchange: Exchange, id: string) {
  const { record, behaviour } = exchange;
  const plan = planAnthropicMessage(record.json, behaviour);
  if (plan instanceof Error) return anthropicFail(exchange.res, 400, plan.message);
  Object.assign(record, { planned: plan.usage, answer: plan.answer });
  const { answer, usage } = plan;
  const model = String((record.json as { model: string }).model);
  const wireUsage = behaviour.omitUsage ? {} : { usage: anthropicUsage(usage, plan.cacheWriteTokens) };
  const reported = behaviour.omitUsage ? null : usage;
  const stop_reason = STOP_REASONS[answer.finish];
  const message = { id, type: "message", role: "assistant", model };
  if (!plan.stream) {
    const body = { ...message, content: [contentBlock(answer, false)], stop_reason, stop_sequence: null, ...wireUsage };
    return sendAnswer(exchange, body, answer.toolCall?.arguments ?? answer.text, reported);
  }

  // message_start carries the input and a first output count; message_delta the cumulative totals.
  const startUsage = behaviour.omitUsage
    ? {}
    : { usage: { ...anthropicUsage(usage, plan.cacheWriteTokens), output_tokens: Math.min(1, usage.outputTokens) } };
  const pieces = splitByTokens(answer.toolCall?.arguments ?? answer.text, behaviour.chunkSize);
  const delta = (piece: string) =>
    answer.toolCall ? { type: "input_json_delta", partial_json: piece } : { type: "text_delta", text: piece };
  const events: StreamEvent[] = [
    { text: event("message_start", { message: { ...message, content: [], stop_reason: null, stop_sequence: null, ...startUsage } }) },
    { text: event("content_block_start", { index: 0, content_block: contentBlock(answer, true) }) },
    { text: event("ping", {}) },
    ...pieces.map((piece) => ({ text: event("content_block_delta", { index: 0, delta: delta(piece) }), delivered: piece })),
    { text: event("content_block_stop", { index: 0 }) },
    { text: event("message_delta", { delta: { stop_reason, stop_sequence: null }, ...wireUsage }), usage: reported },
    { text: event("message_stop", {}) },
  ];
  await sendStream(
    exchange,
    events,
    event("error", { error: { type: "overloaded_error", message: "Overloaded (fake provider, mid-stream)" } }),
  );
}

export function anthropicModels({ res }: Exchange) {
  const created_at = new Date(FAKE_CREATED * 1000).toISOString();
  const data = FAKE_MODELS.map((id) => ({ type: "model", id, display_name: id, created_at }));
  sendJson(res, 200, { data, has_more: false, first_id: data[0]!.id, last_id: data.at(-1)!.id });
}
