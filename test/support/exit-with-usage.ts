// Child process for test/gateway/flush-on-exit.test.ts: records usage events and exits at once,
// the way Next.js calls process.exit after SIGTERM, before the batch timer could fire.
import { flushUsageBeforeExit } from "@/lib/gateway/flush-on-exit";
import { recordUsage } from "@/lib/gateway/usage-recorder";

const [prefix, count] = [process.argv[2]!, Number(process.argv[3])];
flushUsageBeforeExit();
for (let i = 0; i < count; i++) {
  recordUsage({
    requestId: `${prefix}-${i}`,
    teamId: null,
    apiKeyId: null,
    apiId: null,
    method: "GET",
    path: "/exit-test",
    status: 200,
    errorCode: null,
    latencyMs: 1,
    bytesIn: 0,
    bytesOut: 0,
    charged: 0n,
    refunded: 0n,
    createdAt: new Date(),
  });
}
process.exit(0);
