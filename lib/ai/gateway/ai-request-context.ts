// What every /api/ai/v1 handler gets from the router, and the headers every answer carries.
import type { ResolvedKey } from "@/lib/gateway/key-cache";
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

/** Request id, the model that answered, rate-limit state, and (when known before the body) the cost. */
export function aiAnswerHeaders(call: AiCall, context: AiRequestContext, charge: AiCharge | null, contentType: string): Headers {
  const headers = new Headers(call.rateLimitHeaders);
  headers.set("content-type", contentType);
  headers.set("x-request-id", context.requestId);
  headers.set("x-tollgate-model", call.model.publicId);
  headers.set("cache-control", "no-store");
  if (charge) {
    headers.set("x-credit-charged", gatewayAmount(charge.charged));
    if (charge.balanceAfter !== null) headers.set("x-credit-balance", gatewayAmount(charge.balanceAfter));
  }
  return headers;
}
