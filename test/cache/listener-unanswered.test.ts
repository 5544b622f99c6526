// The invalidation listener against a database that accepts connections and never answers (a frozen
// or unreachable server): its connect gives up within DATABASE_CONNECT_TIMEOUT_MS and it keeps
// retrying, so once the database answers the announcements of other instances arrive again.
import net from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { announceInvalidation, onInvalidate } from "@/lib/cache/invalidate";
import { listenForInvalidations } from "@/lib/cache/listen-for-invalidations";
import { captureLogs } from "../support/log-capture";

const sockets = new Set<net.Socket>();
const silent = net.createServer((socket) => void sockets.add(socket));

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("the invalidation listener", () => {
  it("gives up a connection that gets no answer, and listens once the database answers", async () => {
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const databaseUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgresql://nobody:secret@127.0.0.1:${(silent.address() as net.AddressInfo).port}/none`;
    process.env.DATABASE_CONNECT_TIMEOUT_MS = "300";
    const logs = captureLogs();

    const started = performance.now();
    await listenForInvalidations();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(logs.lines().map((line) => line.msg)).toContain("invalidation listener could not connect; retrying");
    expect(logs.text()).not.toContain("nobody:secret@"); // the connection string's password

    process.env.DATABASE_URL = databaseUrl; // the database is back: the next retry reaches it
    const seen: (string | null)[] = [];
    onInvalidate("api", "listener-unanswered-test", (slug) => seen.push(slug));
    const slug = `slug-${randomUUID()}`;
    await expect
      .poll(
        () => {
          announceInvalidation("api", slug); // as another instance would, until the listener hears one
          return seen.includes(slug);
        },
        { interval: 200, timeout: 10_000 },
      )
      .toBe(true);
    logs.stop();
  }, 20_000);
});
