// Child process for test/gateway/flush-on-exit.test.ts: records usage events and exits at once,
// the way Next.js calls process.exit after SIGTERM, before the batch timer could fire.
import { flushUsageBeforeExit } from "@/lib/gateway/flush-on-exit";
import { recordUsage } from "@/lib/gateway/usage-recorder";
import { bareUsageEvent } from "./usage-event";

const [prefix, count] = [process.argv[2]!, Number(process.argv[3])];
flushUsageBeforeExit();
for (let i = 0; i < count; i++) {
  recordUsage(bareUsageEvent(`${prefix}-${i}`, "/exit-test"));
}
process.exit(0);
