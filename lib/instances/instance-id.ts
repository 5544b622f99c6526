// This process's identity among the app instances sharing the database. One per process (kept on
// globalThis: Next.js route bundles each load their own copy of a module), new at every start, so
// a restarted instance never claims the calls its previous life left open.
import crypto from "node:crypto";

const holder = globalThis as typeof globalThis & { __tollgateInstanceId?: string };

export function instanceId(): string {
  return (holder.__tollgateInstanceId ??= `inst_${crypto.randomBytes(9).toString("base64url")}`);
}
