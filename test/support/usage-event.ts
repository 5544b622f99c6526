// A usage event of no team, key or API (nothing to charge), for tests of the usage writer itself.
import type { UsageEvent } from "@/lib/gateway/usage-recorder";

export function bareUsageEvent(requestId: string, path: string): UsageEvent {
  return {
    requestId,
    teamId: null,
    apiKeyId: null,
    apiId: null,
    method: "GET",
    path,
    status: 200,
    errorCode: null,
    latencyMs: 1,
    bytesIn: 0,
    bytesOut: 0,
    charged: 0n,
    refunded: 0n,
    createdAt: new Date(),
  };
}
