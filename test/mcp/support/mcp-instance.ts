// An app instance in a process of its own, for MCP tests: lib/gateway/node-server.ts createAppServer
// with the MCP mount as scripts/serve.ts has it (a 404 stands in for Next.js). It tells the parent
// its port over IPC and writes its last usage batch when told to stop.
import type { AddressInfo } from "node:net";
import { createAppServer, stopServer } from "@/lib/gateway/node-server";
import { MCP_PATH_PREFIX, handleMcpRequest } from "@/lib/mcp/handle-mcp-request";
import { clientFromNode } from "@/lib/http/client-address";
import { listenForInvalidations } from "@/lib/cache/listen-for-invalidations";
import { installPromptApis } from "@/lib/prompt-apis/call/install";

void listenForInvalidations();
installPromptApis(); // as scripts/serve.ts does: Prompt API calls are served by their own handler
const server = createAppServer({
  origin: "http://localhost:3000",
  pages: (_req, res) => void res.writeHead(404, { "content-type": "text/plain" }).end("no pages here"),
  mounts: [{ prefix: MCP_PATH_PREFIX, handler: (request, req) => handleMcpRequest(request, clientFromNode(req)) }],
});
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on("message", (message) => {
  if (message === "stop") void stopServer(server, { graceMs: 1_000 }).then(() => process.exit(0));
});
