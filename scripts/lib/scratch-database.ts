// A throwaway PostgreSQL cluster in a temp folder, for scripts that need a database briefly.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";

export async function startScratchCluster(): Promise<RunningPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-pg-"));
  fs.chmodSync(dir, 0o755); // the postgres user must reach the data folder inside
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(dir, "data"),
    password: crypto.randomBytes(12).toString("hex"),
    ephemeral: true,
  });
  return {
    ...cluster,
    stop: async () => {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function withScratchCluster<T>(work: (adminUrl: string) => Promise<T>): Promise<T> {
  const cluster = await startScratchCluster();
  try {
    return await work(cluster.url("postgres"));
  } finally {
    await cluster.stop();
  }
}
