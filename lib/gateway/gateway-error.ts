// A refusal by the gateway: the problem code, a sentence the caller can act on, and any extra
// body fields and headers the contract asks for (WWW-Authenticate, Retry-After, Link, ...).
import type { ErrorCode } from "@/lib/errors";

export class GatewayError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = "GatewayError";
  }
}
