// Environment, parsed and validated once. Every variable is listed in the README.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { decimalToMicros } from "@/lib/money";

export type AddressRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses TRUSTED_PROXIES; throws naming the first entry that is not an IP address or CIDR range. */
export function parseTrustedProxies(value: string | undefined): AddressRange[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): AddressRange => {
      if (ipaddr.isValidCIDR(entry)) {
        const [address, bits] = ipaddr.parseCIDR(entry);
        const mapped = address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96;
        return mapped ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96] : [address, bits];
      }
      if (ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry)) {
        const address = ipaddr.process(entry);
        return [address, address.kind() === "ipv4" ? 32 : 128];
      }
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    });
}

const boolean = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded database)"),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
  TOLLGATE_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, "TOLLGATE_ENCRYPTION_KEY must be 32 bytes, base64-encoded"),
  APP_URL: z.url().optional(),
  GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().default("Tollgate <no-reply@localhost>"),
  CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .default("USD")
    .transform((value) => value.toUpperCase()),
  TOLLGATE_ADMIN_TOKEN: z.string().min(24).optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_BASE: z.url().optional(),
  ALLOW_PRIVATE_UPSTREAMS: boolean,
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  SIGN_UP_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(10),
  REQUIRE_VERIFIED_EMAIL: boolean,
  // 0 turns a limit off (PostgreSQL's own meaning of statement_timeout = 0).
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(3000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  USAGE_BUFFER_MAX_EVENTS: z.coerce.number().int().positive().default(100_000),
  // Prometheus metrics (lib/metrics): GET /metrics with this bearer token, or only on METRICS_PORT.
  METRICS_TOKEN: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(24, "METRICS_TOKEN must be at least 24 characters").optional(),
  ),
  METRICS_PORT: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(65535).optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Shared rate limits (lib/redis); unset, each instance counts its own.
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "REDIS_URL must be a redis:// or rediss:// URL" }).optional(),
  // The most one admin grant or adjustment may move, in the currency (not micro-units).
  ADMIN_GRANT_MAX: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,6})?$/, "ADMIN_GRANT_MAX must be an amount of the currency, e.g. 10000 or 2500.50")
    .default("10000"),
  // Tracing (lib/tracing): off unless an OTLP endpoint is set; the exporter reads the other OTEL_* variables itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((value) => (value === "" ? undefined : value), z.url().optional()),
  OTEL_SERVICE_NAME: z.string().trim().min(1).default("tollgate"),
  // On SIGTERM, how long /api/ready answers 503 while the instance keeps serving, before it stops accepting connections (0: at once).
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

type Env = z.infer<typeof envSchema>;

let parsed: Env | undefined;

/** Parsed lazily so that `next build` works without a database configured. */
export function env(): Env {
  if (parsed) return parsed;
  parsed = parseEnv(envSchema);
  return parsed;
}

function parseEnv<T extends z.ZodType>(schema: T): z.infer<T> {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}

let privateFlag: { raw: string | undefined; value: boolean } | undefined;

/**
 * ALLOW_PRIVATE_UPSTREAMS, read from process.env on every call (not cached with env()) so tests can
 * turn it off for their own duration; the parse is memoised on the raw value for the gateway path.
 */
export function allowPrivateUpstreams(): boolean {
  const raw = process.env.ALLOW_PRIVATE_UPSTREAMS;
  if (!privateFlag || privateFlag.raw !== raw) privateFlag = { raw, value: boolean.parse(raw) };
  return privateFlag.value;
}

const publicUrlSchema = envSchema.pick({ APP_URL: true, PORT: true });

/**
 * The public origin used in links (invitations, top-up URLs, problem types, Auth.js redirects).
 * Reads only APP_URL and PORT, so it also works where the rest is not configured (`next build`).
 */
export function appUrl(): string {
  const { APP_URL, PORT } = publicUrlSchema.parse(process.env);
  return (APP_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}

const gatewayUrlSchema = envSchema.pick({ GATEWAY_URL: true });

/**
 * The public origin of gateway calls as the portal shows it (catalog API page, reference, quickstarts):
 * GATEWAY_URL when set (a second hostname pointed at the same app, so gateway answers never share the
 * portal's origin), otherwise appUrl(). Links back to the portal keep using appUrl().
 */
export function gatewayUrl(): string {
  const { GATEWAY_URL } = gatewayUrlSchema.parse(process.env);
  return GATEWAY_URL ? GATEWAY_URL.replace(/\/+$/, "") : appUrl();
}

let trusted: { raw: string | undefined; ranges: AddressRange[] } | undefined;

/** TRUSTED_PROXIES as ranges, re-read when process.env changes (tests set it), parsed once per value. */
export function trustedProxies(): AddressRange[] {
  const raw = process.env.TRUSTED_PROXIES;
  if (!trusted || trusted.raw !== raw) trusted = { raw, ranges: parseTrustedProxies(raw) };
  return trusted.ranges;
}

/** Sign-ups allowed per client address per hour (read on every call, like the flag above). */
export function signUpLimitPerHour(): number {
  return envSchema.shape.SIGN_UP_LIMIT_PER_HOUR.parse(process.env.SIGN_UP_LIMIT_PER_HOUR);
}

/**
 * REQUIRE_VERIFIED_EMAIL (off by default): a verified address is needed to create keys, top up and
 * accept invitations. Read on every call, like the flags above, so tests can turn it on for their duration.
 */
export function requireVerifiedEmail(): boolean {
  return boolean.parse(process.env.REQUIRE_VERIFIED_EMAIL);
}

const databaseTimeoutsSchema = envSchema.pick({ DATABASE_CONNECT_TIMEOUT_MS: true, DATABASE_STATEMENT_TIMEOUT_MS: true });

/**
 * How long the app waits for a database connection and lets a statement run (README, "When the
 * database is unavailable"). Read when the pool is made, without the rest of the environment
 * (scripts and `next build` use the database without AUTH_SECRET).
 */
export function databaseTimeouts(): { connectMs: number; statementMs: number } {
  const timeouts = parseEnv(databaseTimeoutsSchema);
  return { connectMs: timeouts.DATABASE_CONNECT_TIMEOUT_MS, statementMs: timeouts.DATABASE_STATEMENT_TIMEOUT_MS };
}

let grantMax: { raw: string | undefined; value: bigint } | undefined;

/** ADMIN_GRANT_MAX in micro-units: the most one grant or adjustment may move (read on every call, parsed once per value). */
export function adminGrantMax(): bigint {
  const raw = process.env.ADMIN_GRANT_MAX;
  if (!grantMax || grantMax.raw !== raw) grantMax = { raw, value: decimalToMicros(envSchema.shape.ADMIN_GRANT_MAX.parse(raw)) };
  return grantMax.value;
}

let usageBound: { raw: string | undefined; value: number } | undefined;

/** Usage events kept in memory while the database cannot take them (read on every call, parsed once per value). */
export function usageBufferMaxEvents(): number {
  const raw = process.env.USAGE_BUFFER_MAX_EVENTS;
  if (!usageBound || usageBound.raw !== raw) usageBound = { raw, value: envSchema.shape.USAGE_BUFFER_MAX_EVENTS.parse(raw) };
  return usageBound.value;
}

/** SHUTDOWN_DELAY_MS (read once, on SIGTERM): the time load balancers get to see /api/ready fail before the listener closes. */
export function shutdownDelayMs(): number {
  return envSchema.shape.SHUTDOWN_DELAY_MS.parse(process.env.SHUTDOWN_DELAY_MS);
}

const tracingSchema = envSchema.pick({ OTEL_EXPORTER_OTLP_ENDPOINT: true, OTEL_SERVICE_NAME: true });

/** OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME, without the rest of the environment (read once at start). */
export function tracingSettings(): { endpoint: string | undefined; serviceName: string } {
  const settings = parseEnv(tracingSchema);
  return { endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: settings.OTEL_SERVICE_NAME };
}

const redisUrlSchema = envSchema.pick({ REDIS_URL: true });

/** REDIS_URL, without the rest of the environment (read when the process's Redis client is made). */
export function redisUrl(): string | undefined {
  return (process.env.REDIS_URL || undefined) && parseEnv(redisUrlSchema).REDIS_URL;
}

export type LogLevel = z.infer<typeof envSchema.shape.LOG_LEVEL>;

/**
 * LOG_LEVEL (default info), read without the rest of the environment: scripts and `next build` log
 * too. An unknown level fails like any invalid variable, naming it.
 */
export function logLevel(): LogLevel {
  return parseEnv(envSchema.pick({ LOG_LEVEL: true })).LOG_LEVEL;
}

const metricsSchema = envSchema.pick({ METRICS_TOKEN: true, METRICS_PORT: true });

/** METRICS_TOKEN and METRICS_PORT, without the rest of the environment (read on each scrape: tests set them). */
export function metricsSettings(): { token: string | undefined; port: number | undefined } {
  const settings = parseEnv(metricsSchema);
  return { token: settings.METRICS_TOKEN, port: settings.METRICS_PORT };
}
