// The reservation of a Prompt API call: the most it can cost under the plan's pricing (every
// estimated input token at the dearer input price, the whole output cap, the fee), charged in one
// statement like an AI call's. 402 when the team's credit or the key's cap does not cover it;
// nothing has been sent to a model then.
import { chargeCall } from "@/lib/billing/ledger/charge-call";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { paymentRequiredFields } from "@/lib/gateway/payment-required";
import { USAGE_PATH_MAX, type CallContext } from "@/lib/gateway/call-context";
import type { ResolvedKey } from "@/lib/gateway/key-cache";
import { instanceId } from "@/lib/instances/instance-id";
import { reservationOpened } from "@/lib/metrics/gateway-metrics";

export async function reservePromptCall(call: CallContext, key: ResolvedKey, apiId: string, reserved: bigint): Promise<bigint> {
  const charge = await chargeCall({
    teamId: key.teamId,
    apiId,
    keyId: key.capKeyId,
    apiKeyId: key.id,
    requestId: call.requestId,
    price: reserved,
    capped: key.spendCap !== null,
    instanceId: instanceId(),
    method: call.method,
    path: call.path.slice(0, USAGE_PATH_MAX),
    settlesLater: true,
  });
  if (!charge.ok) {
    const { detail, extra, headers } = paymentRequiredFields(charge.reason, charge.balance, reserved, key.teamSlug, key.capKeyId);
    throw new GatewayError(charge.reason, detail, extra, headers);
  }
  reservationOpened();
  // A failure of ours after this point is refunded by the gateway like any charged call.
  call.charged = reserved;
  call.balanceAfter = charge.balanceAfter;
  return charge.balanceAfter;
}
