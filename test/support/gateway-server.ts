// The production server's gateway side in-process: lib/gateway/node-server.ts createAppServer on a
// free port of 127.0.0.1, with a 404 standing in for Next.js. For tests that need real sockets
// (what a caller sees when a body breaks off, slow clients, timeouts).
import type { AddressInfo } from "node:net";
import type http from "node:http";
import { createAppServer, drainServer, type ServerTimeouts } from "@/lib/gateway/node-server";

export type GatewayServer = { url: string; port: number; server: http.Server; close(): Promise<void> };

export async function startGatewayServer(timeouts: Partial<ServerTimeouts> = {}): Promise<GatewayServer> {
  const server = createAppServer({
    origin: "http://localhost:3000",
    pages: (_req, res) => void res.writeHead(404, { "content-type": "text/plain" }).end("no pages here"),
    timeouts,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, server, close: () => drainServer(server, 0) };
}
