// Usage events in tests: a bare one for tests of the usage writer itself, and the one a call recorded.
import { expect } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import type { UsageEvent } from "@/lib/gateway/usage-rows";

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

/** The call's usage event, once the batch that holds it is written (an interrupted call records after its refund). */
export async function usageEventOf(requestId: string) {
  await expect
    .poll(async () => {
      await flushUsage();
      return db.usageEvent.count({ where: { requestId } });
    })
    .toBe(1);
  return db.usageEvent.findUniqueOrThrow({ where: { requestId } });
}
