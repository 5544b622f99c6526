// Why a model stopped, in each format. Both translate every reason a provider may invent to the
// plain "it finished" of the other side, so an unknown reason never breaks an SDK.
import type { StopReason } from "@/lib/ai/anthropic/message-response";
import type { FinishReason } from "@/lib/ai/openai/chat-response";

// Maps, not object literals: a provider's reason is text, and "constructor" must not find a prototype member.
const TO_OPENAI = new Map<string, FinishReason>([
  ["end_turn", "stop"],
  ["stop_sequence", "stop"],
  ["pause_turn", "stop"],
  ["max_tokens", "length"],
  ["tool_use", "tool_calls"],
  ["refusal", "content_filter"],
]);

const TO_ANTHROPIC = new Map<string, StopReason>([
  ["stop", "end_turn"],
  ["length", "max_tokens"],
  ["tool_calls", "tool_use"],
  ["function_call", "tool_use"],
  ["content_filter", "refusal"],
]);

/** Anthropic stop_reason → OpenAI finish_reason (end_turn/stop_sequence → stop, max_tokens → length, tool_use → tool_calls). */
export function toFinishReason(stopReason: string | null | undefined): FinishReason {
  return TO_OPENAI.get(stopReason ?? "") ?? "stop";
}

/** OpenAI finish_reason → Anthropic stop_reason (stop → end_turn, length → max_tokens, tool_calls → tool_use). */
export function toStopReason(finishReason: string | null | undefined): StopReason {
  return TO_ANTHROPIC.get(finishReason ?? "") ?? "end_turn";
}
