// APIs whose calls are not forwarded to an upstream: a Prompt API (kind PROMPT) runs a prompt through
// the AI core instead. The gateway cannot import that code (lib/prompt-apis depends on the gateway),
// so its handler is installed here by whoever mounts the gateway (instrumentation.ts, scripts/serve.ts,
// tests) and takes the call over once admitCall's checks up to the rate limit have passed, before any
// charge: it reserves, settles and records the call itself. Kept on globalThis: every Next.js route
// bundle loads its own copy of this module.
import type { CallContext } from "@/lib/gateway/call-context";

export type ApiKindHandler = (request: Request, call: CallContext) => Promise<Response>;

type Kind = "PROMPT";
const holder = globalThis as typeof globalThis & { __tollgateApiKindHandlers?: Map<Kind, ApiKindHandler> };
const handlers = (holder.__tollgateApiKindHandlers ??= new Map());

export function serveApiKindWith(kind: Kind, handler: ApiKindHandler): void {
  handlers.set(kind, handler);
}

export function apiKindHandler(kind: string): ApiKindHandler | undefined {
  return handlers.get(kind as Kind);
}
