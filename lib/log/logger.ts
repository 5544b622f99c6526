// The one logger: JSON, one line per event, level from LOG_LEVEL (lib/env.ts). Every module logs
// through its own child (`moduleLogger("gateway")`), and a call's lines carry its request id
// (`forCall`, `forRequest`). Secrets are redacted by field (redact-paths.ts) and masked by shape in every
// string, messages and error stacks included (mask-secrets.ts).
import pino, { type Logger } from "pino";
import { logLevel } from "@/lib/env";
import { logDestination } from "@/lib/log/destination";
import { REDACT_PATHS, REDACTED } from "@/lib/log/redact-paths";
import { maskSecrets, maskSecretsDeep } from "@/lib/log/mask-secrets";

export type { Logger };

/** Every module that logs; the secret test (test/log) writes through each of them. */
export const LOG_MODULES = [
  "server",
  "gateway",
  "usage",
  "ai",
  "mcp",
  "management",
  "try-it",
  "playground",
  "oauth",
  "auth",
  "action",
  "billing",
  "stripe",
  "cache",
  "db",
  "health",
  "instances",
  "email",
  "notifications",
  "subscriptions",
  "metrics",
] as const;

export type LogModule = (typeof LOG_MODULES)[number];

/**
 * The body of an email that was not sent because SMTP_URL is unset: the log is then its delivery
 * (README, "Accounts and sign-in"), so its one-time links stay readable. Nothing else is exempt.
 */
export const UNSENT_EMAIL_FIELD = "unsentEmailText";

/** An Error with its stack and own fields; anything else (briefError's summary) as it is. Masked either way. */
function serializeError(error: unknown): unknown {
  return maskSecretsDeep(error instanceof Error ? pino.stdSerializers.err(error) : error);
}

function createRootLogger(): Logger {
  return pino(
    {
      level: logLevel(),
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: serializeError, error: serializeError },
      formatters: {
        log(fields) {
          const { [UNSENT_EMAIL_FIELD]: unsentEmail, ...rest } = fields;
          const masked = maskSecretsDeep(rest) as Record<string, unknown>;
          return unsentEmail === undefined ? masked : { ...masked, [UNSENT_EMAIL_FIELD]: unsentEmail };
        },
      },
      hooks: {
        // Runs only for lines at an enabled level. The message and its arguments are masked; an
        // Error given alone would lend its unmasked message to the line, so it gets a masked one.
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === "string" ? maskSecrets(arg) : arg)) as unknown[];
          if (masked[0] instanceof Error && typeof masked[1] !== "string") masked.splice(1, 0, maskSecrets(masked[0].message));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    logDestination,
  );
}

let root: Logger | undefined;
const modules = new Map<LogModule, Logger>();

/** The root logger, made on first use (LOG_LEVEL is read then). */
export function rootLogger(): Logger {
  return (root ??= createRootLogger());
}

/** The logger of one module: every line has `module`. The same instance for every caller. */
export function moduleLogger(module: LogModule): Logger {
  let logger = modules.get(module);
  if (!logger) modules.set(module, (logger = rootLogger().child({ module })));
  return logger;
}

/** A logger whose every line carries the request id (`{ requestId }`). */
export function forRequest(logger: Logger, requestId: string): Logger {
  return logger.child({ requestId });
}

const callLoggers = new WeakMap<object, Map<Logger, Logger>>();

/**
 * The logger of one call (a gateway call context, an AI request context): every line carries its
 * request id. Made on the call's first line and kept with the call object, so the calls that log
 * nothing (nearly all) pay nothing.
 */
export function forCall(logger: Logger, call: { readonly requestId: string }): Logger {
  let byModule = callLoggers.get(call);
  if (!byModule) callLoggers.set(call, (byModule = new Map()));
  let child = byModule.get(logger);
  if (!child) byModule.set(logger, (child = forRequest(logger, call.requestId)));
  return child;
}

/**
 * An error as name, message and stack only, for errors whose own fields may carry data that does
 * not belong in a log (a Stripe error's `raw` can hold a payment's billing details).
 */
export function briefError(error: unknown): { type: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  return { type: error.name, message: error.message, stack: error.stack };
}
