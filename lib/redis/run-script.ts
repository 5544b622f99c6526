// A Lua script run as one atomic step: EVALSHA of its SHA-1, and EVAL (which also caches it on the
// server) only when the server does not know it yet (NOSCRIPT: first use, a restart, SCRIPT FLUSH).
import crypto from "node:crypto";
import type { Redis } from "ioredis";

export type RedisScript = { lua: string; sha: string };

export function redisScript(lua: string): RedisScript {
  return { lua, sha: crypto.createHash("sha1").update(lua).digest("hex") };
}

export async function runScript(client: Redis, script: RedisScript, keys: string[], args: (string | number)[]): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return client.eval(script.lua, keys.length, ...keys, ...args);
  }
}
