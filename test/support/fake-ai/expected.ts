// What a test expects of the fake AI provider, computed from the requests it recorded (what Tollgate
// sent) without trusting Tollgate's own arithmetic: the usage Tollgate should settle each call at and
// the cost that usage comes to, by a price rule written apart from lib/ai/pricing.ts.
import { countChatOutputTokens, countTextTokens } from "@/lib/ai/tokens";
import type { ModelPrices, TokenUsage } from "@/lib/ai/types";
import { parseBehaviour } from "./behaviour";
import type { FakeAiRequest } from "./exchange";
import { planAnthropicMessage } from "./anthropic-request";
import { planOpenAiChat } from "./openai";

export { parseBehaviour, planAnthropicMessage, planOpenAiChat };
export { anthropicAsChat } from "./anthropic-request";

/**
 * The usage the fake reports for a complete answer to `body`, in canonical form; `behaviour` is the
 * switch list as written after the model name or in the header (e.g. "cached:12").
 */
export function fakeUsageFor(format: "openai" | "anthropic", body: unknown, behaviour = ""): TokenUsage {
  const model = (body as { model?: unknown }).model;
  const switches = parseBehaviour(typeof model === "string" ? model : "", behaviour);
  if (switches instanceof Error) throw switches;
  const plan = format === "openai" ? planOpenAiChat(body, switches) : planAnthropicMessage(body, switches);
  if (plan instanceof Error) throw plan;
  return plan.usage;
}

/**
 * The usage Tollgate counts itself when no usage arrived (omitted, or the stream broke off): the
 * input as the fake counted it, none of it cached, and the output the fake actually wrote. Where the
 * caller abandoned the stream, Tollgate may have delivered less than the fake wrote.
 */
export function countedUsage(record: FakeAiRequest): TokenUsage {
  if (!record.planned) throw new Error(`no answer was planned for ${record.method} ${record.url}`);
  const call = record.answer?.toolCall;
  const outputTokens = call
    ? countChatOutputTokens({ tool_calls: [{ function: { name: call.name, arguments: record.delivered } }] })
    : countTextTokens(record.delivered);
  return { inputTokens: record.planned.inputTokens, cachedInputTokens: 0, outputTokens };
}

/**
 * What one recorded call should have cost: nothing when it failed before any output, its reported
 * usage when it completed with usage, otherwise the counted usage (provenance counted or partial).
 */
export function expectedCharge(record: FakeAiRequest, prices: ModelPrices, feePerRequest: bigint): bigint {
  if (!record.planned || (record.delivered === "" && !record.completed)) return 0n;
  return referenceCost(record.completed && record.reported ? record.reported : countedUsage(record), prices, feePerRequest);
}

/** The price rule, spelled out apart from costOf: whole micro-units, plus one for any remainder, plus the fee. */
export function referenceCost(usage: TokenUsage, prices: ModelPrices, feePerRequest: bigint): bigint {
  const cached = BigInt(Math.min(usage.cachedInputTokens, usage.inputTokens));
  const uncached = BigInt(usage.inputTokens) - cached;
  const millionths = uncached * prices.inputPrice + cached * prices.cachedInputPrice + BigInt(usage.outputTokens) * prices.outputPrice;
  const remainder = millionths % 1_000_000n;
  return millionths / 1_000_000n + (remainder > 0n ? 1n : 0n) + feePerRequest;
}
