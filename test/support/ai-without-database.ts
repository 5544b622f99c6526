// Child process for test/ai/database-unavailable.test.ts: the AI gateway with DATABASE_URL pointing
// at a server that never answers (set by the parent, with a short connect timeout). Prints the status
// and body of one call as JSON.
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { generateApiKey } from "@/lib/keys/key-format";

const response = await handleAiRequest(
  new Request("http://localhost:3000/api/ai/v1/chat/completions", {
    method: "POST",
    headers: { authorization: `Bearer ${generateApiKey("test").key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "demo-chat", messages: [{ role: "user", content: "hello" }] }),
  }),
);
process.stdout.write(
  JSON.stringify({ status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() }),
);
process.exit(0);
