// /api/mcp and /api/mcp/{api}: the MCP server under `npm run dev` (in production scripts/serve.ts
// mounts the same handler on node:http, outside Next.js). A thin adapter around lib/mcp.
import { handleMcpRequest } from "@/lib/mcp/handle-mcp-request";
import { clientFromRequest } from "@/lib/http/client-address";

export const dynamic = "force-dynamic";

const serve = (request: Request) => handleMcpRequest(request, clientFromRequest(request));
export const GET = serve;
export const POST = serve;
export const DELETE = serve;
