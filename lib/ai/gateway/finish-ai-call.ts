// The end of every admitted AI call, whatever happened: the exact cost settled against the
// reservation in one statement (lib/billing/ledger settleCall), the tokens counted against the
// key's per-minute limit, and one usage event with the model, the tokens and their source. A call
// that produced no output settles at zero: nothing is charged, not even the fee.
import { settleCall } from "@/lib/billing/ledger/close-call";
import { recordUsage } from "@/lib/gateway/usage-recorder";
import type { UsageEvent } from "@/lib/gateway/usage-rows";
import { costOf } from "@/lib/ai/pricing";
import type { TokenUsage, UsageSource } from "@/lib/ai/types";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import { tokenLimiter } from "@/lib/ai/gateway/token-limiter";
import { reservationSettled } from "@/lib/metrics/gateway-metrics";
import { TRACE_ATTRIBUTES, endCallSpan, endSpanWhenSettled, startChildSpan } from "@/lib/tracing/spans";

export type AiOutcome = {
  status: number;
  errorCode?: string | null;
  /** null: no output reached the caller (nothing is charged) */
  usage: TokenUsage | null;
  source: UsageSource;
  bytesIn: number;
  bytesOut: number;
};

export type AiCharge = { charged: bigint; balanceAfter: bigint | null };

export type AiCallTiming = {
  method: string;
  path: string;
  startedAt: number;
  receivedAt: Date;
  /** what else the usage event records: a Prompt API call's version (lib/prompt-apis), an MCP tool's name */
  recorded?: Pick<UsageEvent, "promptVersion" | "mcpTool">;
};

export async function finishAiCall(call: AiCall, timing: AiCallTiming, outcome: AiOutcome): Promise<AiCharge> {
  const actual = outcome.usage ? costOf(outcome.usage, call.model.prices, call.plan.pricePerCall) : 0n;
  reservationSettled(); // from here the settle (or, when the database fails it, the reconciler) closes it
  const settled = await endSpanWhenSettled(
    startChildSpan(call.span, "ai.settle"),
    settleCall({
      teamId: call.key.teamId,
      apiId: call.api.id,
      keyId: call.key.capKeyId,
      requestId: call.requestId,
      reserved: call.reserved,
      actual,
      reason: outcome.usage ? `${call.model.publicId} tokens (${outcome.source.toLowerCase()})` : "no output",
    }),
  );
  // Not awaited: a shared count never fails (it falls back), and Redis runs it before this key's next check.
  if (outcome.usage) void tokenLimiter().add(`${call.key.id}:${call.api.id}`, outcome.usage.inputTokens + outcome.usage.outputTokens);
  // As for REST calls: charged at admission, the difference back; the net is the exact cost.
  const charged = call.reserved > actual ? call.reserved : actual;
  recordUsage({
    requestId: call.requestId,
    teamId: call.key.teamId,
    apiKeyId: call.key.id,
    apiId: call.api.id,
    method: timing.method,
    path: timing.path,
    status: outcome.status,
    errorCode: outcome.errorCode ?? null,
    latencyMs: Math.round(performance.now() - timing.startedAt),
    bytesIn: outcome.bytesIn,
    bytesOut: outcome.bytesOut,
    charged,
    refunded: charged - actual,
    createdAt: timing.receivedAt,
    apiSlug: call.api.slug,
    ...timing.recorded,
    ai: {
      model: call.model.publicId,
      inputTokens: outcome.usage?.inputTokens ?? 0,
      cachedInputTokens: outcome.usage?.cachedInputTokens ?? 0,
      outputTokens: outcome.usage?.outputTokens ?? 0,
      source: outcome.source,
    },
  });
  if (call.span) {
    call.span.setAttributes({
      [TRACE_ATTRIBUTES.apiSlug]: call.api.slug,
      [TRACE_ATTRIBUTES.model]: call.model.publicId,
      [TRACE_ATTRIBUTES.charged]: Number(actual),
    });
    endCallSpan(call.span, outcome.status, outcome.errorCode);
  }
  return { charged: actual, balanceAfter: settled.status === "settled" ? settled.balanceAfter : null };
}
