// A throwaway PostgreSQL cluster in a temp folder, for scripts and test suites that need a
// database briefly. The folder is removed when the cluster stops, and also when it fails to start
// or to stop in time.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";

const STOP_TIMEOUT_MS = 15_000;

export async function startScratchCluster(settings?: Record<string, string>): Promise<RunningPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-pg-"));
  fs.chmodSync(dir, 0o755); // the postgres user must reach the data folder inside
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const cluster = await startEmbeddedPostgres({
      dataDir: path.join(dir, "data"),
      password: crypto.randomBytes(12).toString("hex"),
      ephemeral: true,
      settings,
    });
    return {
      ...cluster,
      stop: async () => {
        try {
          await withTimeout(cluster.stop(), STOP_TIMEOUT_MS, `PostgreSQL did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
        } finally {
          remove();
        }
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

export async function withScratchCluster<T>(work: (adminUrl: string) => Promise<T>): Promise<T> {
  const cluster = await startScratchCluster();
  try {
    return await work(cluster.url("postgres"));
  } finally {
    await cluster.stop();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
