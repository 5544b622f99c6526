// The node:http server behind `npm start` (scripts/serve.ts): the gateway mounted on /api/gateway/,
// another handler (Next.js) for everything else, the timeouts that cut off slow clients, and the
// drain on SIGTERM. Tests start the same server with a stand-in for Next.js.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { GATEWAY_PATH_PREFIX, serveWebHandlerNode, type NodeHandler, type WebHandler } from "@/lib/gateway/node-adapter";
import { serveGatewayNode } from "@/lib/gateway/node-call";
import { REQUEST_BODY_TIMEOUTS, type RequestBodyTimeouts } from "@/lib/gateway/forward";
import { callsSettled } from "@/lib/gateway/settling-calls";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { returnAllLeases } from "@/lib/billing/ledger/leases/credit-leases";
import { refuseRequestLine } from "@/lib/http/request-line";
import { isDraining, startDraining } from "@/lib/health/draining";
import { stampPeer } from "@/lib/http/client-address";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("server");

/** Documented in the README ("Timeouts"); tests shorten them. */
export const SERVER_TIMEOUTS = {
  /** the request head, from its first byte: a client sending headers a byte at a time gets a 408 and is cut off */
  headersTimeoutMs: 15_000,
  /** the whole request, head and body, for pages too: a backstop behind the gateway's own body timeouts */
  requestTimeoutMs: 120_000,
  /** an idle keep-alive connection; longer than common load balancers' idle timeouts, so they never reuse a connection we just closed */
  keepAliveTimeoutMs: 65_000,
  /** how often node:http looks for requests past the two timeouts above (its default, 30 s, would let them run that much longer) */
  checkIntervalMs: 1_000,
  /** on SIGTERM, responses in flight (streams included) get this long to finish before their connections are cut */
  shutdownGraceMs: 25_000,
};

export type ServerTimeouts = typeof SERVER_TIMEOUTS & { requestBody: RequestBodyTimeouts };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Per server: the gateway calls it is answering (a drain waits for them, not only for their sockets) and its grace. */
const servers = new WeakMap<http.Server, { calls: Set<Promise<void>>; graceMs: number; sockets: Set<Socket> }>();

/**
 * `pages` answers everything that is not a gateway call. Node refuses headers over 16 KiB with a bare
 * 431; up to 64 KiB they reach the gateway, which answers anything over its own 8 KiB limit with a
 * problem+json 400 the caller can read.
 */
/**
 * Another framework-free handler served beside the gateway: one that answers on node:http itself
 * (`serve`: the AI gateway on /api/ai/v1/) or a web handler (`handler`: MCP, readiness).
 */
export type NodeMount = { prefix: string; handler: WebHandler } | { prefix: string; serve: NodeHandler };

export function createAppServer(options: {
  origin: string;
  pages: Handler;
  mounts?: NodeMount[];
  timeouts?: Partial<ServerTimeouts>;
}): http.Server {
  const timeouts = { ...SERVER_TIMEOUTS, requestBody: REQUEST_BODY_TIMEOUTS, ...options.timeouts };
  const calls = new Set<Promise<void>>();
  const gateway = { requestBodyTimeouts: timeouts.requestBody, stopping: () => !server.listening };
  const server: http.Server = http.createServer(
    {
      maxHeaderSize: 64 * 1024,
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    (req, res) => {
      if (refuseRequestLine(req.method, req.url, res)) return; // TRACE, %ff, %00: a 400 here, not a 500 inside
      // Draining (stopServer): answer, but let keep-alive callers reconnect to another instance.
      // (Not a header: handlers write theirs as a list, which node refuses after setHeader.)
      if (isDraining()) res.shouldKeepAlive = false;
      if (req.url?.startsWith(GATEWAY_PATH_PREFIX)) {
        const served = serveGatewayNode(req, res, options.origin, gateway).finally(() => calls.delete(served));
        return void calls.add(served);
      }
      const mount = options.mounts?.find(({ prefix }) => req.url?.startsWith(prefix));
      if (mount) {
        const serving =
          "serve" in mount
            ? mount.serve(req, res, options.origin, gateway)
            : serveWebHandlerNode(req, res, options.origin, mount.handler, gateway);
        const served = serving.finally(() => calls.delete(served));
        return void calls.add(served);
      }
      // Next.js does not tell route handlers and server actions the socket address: hand it over in a
      // header the client cannot forge (lib/http/client-address.ts).
      stampPeer(req);
      options.pages(req, res);
    },
  );
  // Every open connection, so that a drain can close those that have not sent a byte yet (clients and
  // browsers open them ahead of need): closeIdleConnections counts only connections that finished a
  // request, and the others would hold the drain for its whole grace. (No 'data' listener: the HTTP
  // parser reads the socket itself; bytesRead still counts.)
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => void sockets.add(socket.once("close", () => sockets.delete(socket))));
  servers.set(server, { calls, graceMs: timeouts.shutdownGraceMs, sockets });
  return server;
}

/**
 * Stops accepting connections and lets the responses in flight finish, streams included, for up to
 * `graceMs`; then cuts what is left. Resolves once every gateway call has closed its books (refunds
 * and usage records of the responses that just ended), so the caller can write the last usage batch.
 */
export async function drainServer(server: http.Server, graceMs?: number): Promise<void> {
  const state = servers.get(server);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() ends the idle keep-alive connections it finds; a connection whose response ends later
  // would otherwise wait for its keep-alive timeout.
  const closeIdle = () => {
    server.closeIdleConnections();
    for (const socket of state?.sockets ?? []) if (socket.bytesRead === 0) socket.destroy();
  };
  closeIdle();
  const idle = setInterval(closeIdle, 100);
  const force = setTimeout(() => server.closeAllConnections(), graceMs ?? state?.graceMs ?? SERVER_TIMEOUTS.shutdownGraceMs);
  try {
    await closed;
    // A socket can close before its call has seen the cut (and started its refund).
    await Promise.allSettled(state?.calls ?? []);
  } finally {
    clearInterval(idle);
    clearTimeout(force);
  }
  await callsSettled();
}

/**
 * The SIGTERM path of `npm start`: mark the instance draining (GET /api/ready answers 503), keep
 * serving for `readyDelayMs` so load balancers see that and stop sending traffic, then drain
 * (drainServer: the listener closes, new connections are refused), close the rest of the app
 * (Next.js), then write the last usage batch. The process may exit once it resolves.
 */
export async function stopServer(
  server: http.Server,
  options: { graceMs?: number; readyDelayMs?: number; closeApp?: () => Promise<void> } = {},
): Promise<void> {
  startDraining();
  if (options.readyDelayMs) await new Promise((resolve) => setTimeout(resolve, options.readyDelayMs));
  await drainServer(server, options.graceMs);
  await options.closeApp?.().catch((error: Error) => log.error({ err: error }, "closing Next.js failed"));
  await flushUsage().catch((error: Error) => log.error({ err: error }, "final usage flush failed"));
  // After the last call's charge and usage: this instance's credit leases go back to their teams.
  await returnAllLeases().catch((error: Error) => log.error({ err: error }, "returning credit leases failed"));
}
