// A gateway server in a process of its own for shutdown tests: lib/gateway/node-server.ts as
// scripts/serve.ts runs it (a 404 stands in for Next.js), stopped on SIGTERM by the same stopServer
// with the grace given as the first argument. It tells the parent its port, and that it is stopping,
// over IPC.
import type { AddressInfo } from "node:net";
import { createAppServer, stopServer } from "@/lib/gateway/node-server";

const graceMs = Number(process.argv[2]);
const server = createAppServer({
  origin: "http://localhost:3000",
  pages: (_req, res) => void res.writeHead(404, { "content-type": "text/plain" }).end("no pages here"),
});
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
process.once("SIGTERM", () => {
  process.send!({ stopping: true });
  void stopServer(server, { graceMs }).then(() => process.exit(0));
});
