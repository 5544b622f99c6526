// A refusal by the gateway: the problem code, a sentence the caller can act on, and any extra
// body fields and headers the contract asks for (WWW-Authenticate, Retry-After, Link, ...).
import type { ErrorCode } from "@/lib/errors";

// Each Next.js bundle (instrumentation, every route) loads its own copy of this class, and handlers
// installed from one bundle throw into another (lib/gateway/api-kind-handlers.ts). A registered
// symbol marks every copy's instances, so `instanceof GatewayError` holds across copies and a
// refusal never turns into a 500.
const GATEWAY_ERROR = Symbol.for("tollgate.GatewayError");

export class GatewayError extends Error {
  readonly [GATEWAY_ERROR] = true;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = "GatewayError";
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && GATEWAY_ERROR in value;
  }
}
