// Installs the Prompt API handler into the gateway (lib/gateway/api-kind-handlers.ts). Called once
// per process by instrumentation.ts and scripts/serve.ts; calling it again changes nothing.
import { serveApiKindWith } from "@/lib/gateway/api-kind-handlers";
import { servePromptCall } from "@/lib/prompt-apis/call/handle-prompt-call";

export function installPromptApis(): void {
  serveApiKindWith("PROMPT", servePromptCall);
}
