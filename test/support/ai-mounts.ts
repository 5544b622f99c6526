// The AI gateway's two mounts, so one test runs on both: "web" calls handleAiRequest in process (what
// `npm run dev`'s route, MCP and the playground use) and "node" sends the request over a real socket
// to node:http with the gateway mounted as `npm start` mounts it (serve-ai-node.ts). The node server
// starts on first use, one per test file, and never holds the worker open.
import type { AddressInfo } from "node:net";
import { createAppServer } from "@/lib/gateway/node-server";
import { AI_PATH_PREFIX, handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { serveAiNode } from "@/lib/ai/gateway/serve-ai-node";

export const AI_MOUNTS = ["web", "node"] as const;
export type AiMount = (typeof AI_MOUNTS)[number];

let nodeBase: Promise<string> | null = null;

/** The node mount's origin (`http://127.0.0.1:<port>`). */
export function aiNodeMount(): Promise<string> {
  return (nodeBase ??= new Promise<string>((resolve) => {
    const server = createAppServer({
      origin: "http://localhost:3000",
      pages: (_req, res) => void res.writeHead(404).end(),
      mounts: [{ prefix: `${AI_PATH_PREFIX}/`, serve: serveAiNode }],
    });
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  }));
}

/** `url` (any origin: only its path and query are kept for the node mount) answered by the AI gateway on `mount`. */
export async function aiFetch(mount: AiMount, url: string | URL | Request, init?: RequestInit): Promise<Response> {
  if (mount === "web") return handleAiRequest(new Request(url, init));
  const { pathname, search } = new URL(url instanceof Request ? url.url : url);
  return fetch(`${await aiNodeMount()}${pathname}${search}`, init);
}
