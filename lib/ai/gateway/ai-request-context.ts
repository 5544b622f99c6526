// What every /api/ai/v1 handler gets from the router, and the headers every answer carries.
import type { ResolvedKey } from "@/lib/gateway/key-cache";
import type { HeaderList } from "@/lib/gateway/headers";
import { gatewayAmount } from "@/lib/money";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import type { AiCharge } from "@/lib/ai/gateway/finish-ai-call";

export type AiRequestContext = {
  requestId: string;
  key: ResolvedKey;
  /** aborts when the caller goes away: the provider request is aborted with it */
  signal: AbortSignal;
  startedAt: number;
  receivedAt: Date;
  /** the MCP tool this call serves (lib/mcp), recorded with its usage event */
  mcpTool?: string;
};

/**
 * Request id, the model that answered, rate-limit state, and (when known before the body) the cost,
 * as a list (the answer's own form, lib/gateway/gateway-answer.ts): names in lower case, each once.
 */
export function aiAnswerHeaders(call: AiCall, context: AiRequestContext, charge: AiCharge | null, contentType: string): HeaderList {
  const headers: HeaderList = [
    ["content-type", contentType],
    ["x-request-id", context.requestId],
    ["x-tollgate-model", call.model.publicId],
    ["cache-control", "no-store"],
  ];
  for (const name in call.rateLimitHeaders) headers.push([name, call.rateLimitHeaders[name]!]);
  if (charge) {
    headers.push(["x-credit-charged", gatewayAmount(charge.charged)]);
    if (charge.balanceAfter !== null) headers.push(["x-credit-balance", gatewayAmount(charge.balanceAfter)]);
  }
  return headers;
}
