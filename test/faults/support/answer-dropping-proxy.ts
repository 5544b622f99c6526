// A TCP proxy in front of PostgreSQL that can drop the server's answers while still delivering
// what the client sends: a statement then runs and commits on the server, and the client never
// hears of it (a network that fails one way, or a server that dies between COMMIT and the reply).
import net from "node:net";

export type AnswerDroppingProxy = {
  /** the database URL through the proxy */
  url: string;
  dropAnswers(drop: boolean): void;
  close(): Promise<void>;
};

export async function startAnswerDroppingProxy(databaseUrl: string): Promise<AnswerDroppingProxy> {
  const target = new URL(databaseUrl);
  let dropping = false;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const server = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("data", (chunk) => server.write(chunk));
    server.on("data", (chunk) => void (dropping || client.write(chunk)));
    client.on("close", () => server.destroy());
    server.on("close", () => client.destroy());
    client.on("error", () => server.destroy());
    server.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  return {
    url: url.toString(),
    dropAnswers: (drop) => void (dropping = drop),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
