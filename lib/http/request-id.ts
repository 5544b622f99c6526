// Request ids: generated here, never taken from the caller, so they stay unique in usage_events.
import crypto from "node:crypto";

export function newRequestId(): string {
  return `req_${crypto.randomUUID().replaceAll("-", "")}`;
}
