// A real redis-server (Debian's /usr/bin/redis-server) for the shared rate-limit tests: one per test
// file, on a free port of 127.0.0.1, with nothing written to disk (`--save '' --appendonly no`).
// The tests never use a system Redis service. `stop` and `start` again on the same port stand in
// for an outage and its end; `freeze`/`thaw` (SIGSTOP/SIGCONT) for a server that stops answering.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";

export type RedisServer = {
  port: number;
  url: string;
  /** A plain client of the test's own (no bounds), closed by `stop`. */
  client(): Redis;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  freeze(): void;
  thaw(): void;
};

const BINARY = process.env.REDIS_SERVER_BIN ?? "redis-server";
const READY = "Ready to accept connections";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs redis-server on `port` until it says it is ready; rejects with its output if it exits first. */
function spawnServer(port: number): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"];
  const child = spawn(BINARY, [...args, "--loglevel", "notice", "--logfile", ""], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY)) {
        child.stdout!.off("data", collect);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child.once("error", (error) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${error.message}`)));
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)));
  });
}

const running = new Set<ChildProcess>();
// A test process that dies leaves no server behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startRedisServer(): Promise<RedisServer> {
  let child: ChildProcess | undefined;
  let port = 0;
  // A port found free can be taken before redis-server binds it: try another.
  for (let attempt = 0; !child; attempt++) {
    port = await freePort();
    try {
      child = await spawnServer(port);
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  running.add(child);
  const clients: Redis[] = [];
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    client() {
      const client = new Redis(port, "127.0.0.1", { lazyConnect: false, maxRetriesPerRequest: 1 });
      client.on("error", () => {}); // the test stops the server on purpose
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients.splice(0)) client.disconnect();
      const current = child!;
      if (current.exitCode !== null || current.signalCode !== null) return;
      current.kill("SIGCONT");
      const exited = once(current, "exit");
      current.kill("SIGTERM");
      await exited;
      running.delete(current);
    },
    async start() {
      child = await spawnServer(port);
      running.add(child);
    },
    freeze: () => void child!.kill("SIGSTOP"),
    thaw: () => void child!.kill("SIGCONT"),
  };
  return server;
}

/** A redis-server for the calling test file, started before its tests and stopped after; `client` is a plain connection to it. */
export function useRedisServer(): { readonly server: RedisServer; readonly client: Redis } {
  const holder = {} as { server: RedisServer; client: Redis };
  beforeAll(async () => {
    holder.server = await startRedisServer();
    holder.client = holder.server.client();
  });
  afterAll(async () => holder.server?.stop());
  return holder;
}
