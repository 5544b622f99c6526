// lib/log: secrets fed through every module's logger, at every level, in every place a secret can
// sit in a line (a field by name, a header, an error's message, stack and fields, the message
// itself, deep inside an object), never reach the captured output; what is not secret does.
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateApiKey } from "@/lib/keys/key-format";
import { generateOAuthSecret } from "@/lib/oauth/token-format";
import { logLevel } from "@/lib/env";
import { LOG_MODULES, UNSENT_EMAIL_FIELD, briefError, forCall, forRequest, moduleLogger, rootLogger, type Logger } from "@/lib/log/logger";
import { prettyStream } from "@/lib/log/destination";
import { captureLogs, LEVEL, type LogCapture } from "../support/log-capture";

const teamKey = generateApiKey("live").key;
const testKey = generateApiKey("test").key;
const accessToken = generateOAuthSecret("access").value;
const SECRETS = {
  teamKey,
  testKey,
  accessToken,
  password: "correct horse battery staple",
  cookie: "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.session-cookie-value",
  upstreamCredential: "upstream-credential-value-4711",
  providerKey: "sk-proj-provider-key-value-0815",
  anthropicKey: "sk-ant-api03-provider-key-value",
  stripeSecret: "sk_test_51StripeSecretKeyValue",
  stripeWebhookSecret: "whsec_StripeWebhookSigningSecret",
  teamWebhookSecret: "tgwhsec_TeamWebhookSigningSecretValue",
  databasePassword: "database-password-value",
  resetToken: "ResetTokenValue_abcdefghijklmnopqrstuvwxyz012",
  inviteToken: "InviteTokenValue_abcdefghijklmnopqrstuvwxyz01",
  adminToken: "test-admin-token-value-abcdefghijklmnopqrstuvwx",
  extraHeader: "extra-header-secret-value",
};

/** One line's worth of secrets, in each place they could sit. */
function secretFields() {
  const error = Object.assign(new Error(`upstream refused key ${SECRETS.teamKey} (Authorization: Bearer ${SECRETS.accessToken})`), {
    headers: { authorization: `Bearer ${SECRETS.testKey}`, "x-api-key": SECRETS.teamKey },
    config: { headers: { Authorization: `Bearer ${SECRETS.providerKey}` }, apiKey: SECRETS.anthropicKey },
  });
  return {
    err: error,
    teamId: "team_visible",
    status: 402,
    amount: 1_500_000n,
    headers: {
      authorization: `Bearer ${SECRETS.teamKey}`,
      cookie: SECRETS.cookie,
      "x-api-key": SECRETS.testKey,
      "stripe-signature": `t=1,v1=${SECRETS.stripeWebhookSecret}`,
      "content-type": "application/json",
    },
    password: SECRETS.password,
    newPassword: SECRETS.password,
    apiKey: SECRETS.providerKey,
    upstreamCredential: SECRETS.upstreamCredential,
    api: { slug: "visible-api", upstreamCredential: SECRETS.upstreamCredential, upstreamAuthHeader: "X-Upstream-Key" },
    provider: { name: "openai", apiKey: SECRETS.providerKey, extraHeaders: { "x-extra": SECRETS.extraHeader } },
    stripe: { secretKey: SECRETS.stripeSecret, webhookSecret: SECRETS.stripeWebhookSecret },
    webhook: { secret: SECRETS.teamWebhookSecret },
    deep: { a: { b: { c: { token: SECRETS.resetToken, note: `key ${SECRETS.testKey}` } } } },
    env: { DATABASE_URL: `postgresql://tollgate:${SECRETS.databasePassword}@db:5432/tollgate`, TOLLGATE_ADMIN_TOKEN: SECRETS.adminToken },
    links: [`http://localhost:3000/reset-password#token=${SECRETS.resetToken}`, `http://localhost:3000/invite/${SECRETS.inviteToken}`],
    connection: `redis://:${SECRETS.databasePassword}@cache:6379`,
    access_token: SECRETS.accessToken,
  };
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

function writeSecretsThrough(logger: Logger): void {
  for (const level of LEVELS) {
    logger[level](secretFields(), `called with ${SECRETS.teamKey} and Bearer ${SECRETS.accessToken}`);
    logger[level](secretFields().err); // an error alone: pino takes its message for the line's
    logger[level]({ err: briefError(secretFields().err) }, "brief %s", SECRETS.stripeSecret);
  }
}

function expectNoSecret(logs: LogCapture): void {
  const text = logs.text();
  for (const [name, secret] of Object.entries(SECRETS)) expect(text, name).not.toContain(secret);
}

let logs: LogCapture;
afterEach(() => logs?.stop());

describe("every logger", () => {
  it("writes no secret, from any module, at any level, in any place", () => {
    logs = captureLogs("trace");
    for (const module of LOG_MODULES) writeSecretsThrough(moduleLogger(module));
    writeSecretsThrough(rootLogger());
    logs.stop();

    expect(logs.raw).toHaveLength((LOG_MODULES.length + 1) * LEVELS.length * 3);
    expectNoSecret(logs);
    for (const module of LOG_MODULES) expect(logs.lines().filter((line) => line.module === module)).toHaveLength(LEVELS.length * 3);
  });

  it("keeps what is not secret: ids, statuses, amounts, the error's stack and the prefix that names the kind of secret", () => {
    logs = captureLogs();
    moduleLogger("gateway").warn(secretFields(), "a line");
    moduleLogger("stripe").error({ err: briefError(secretFields().err) }, "brief");
    logs.stop();
    const [line] = logs.lines();
    expect(line).toMatchObject({ level: LEVEL.warn, module: "gateway", teamId: "team_visible", status: 402, amount: "1500000" });
    expect(line).toMatchObject({ api: { slug: "visible-api", upstreamAuthHeader: "X-Upstream-Key" }, provider: { name: "openai" } });
    expect((line!.headers as Record<string, string>)["content-type"]).toBe("application/json");
    const err = line!.err as { type: string; message: string; stack: string };
    expect(err.type).toBe("Error");
    expect(err.message).toBe("upstream refused key tg_live_[redacted] (Authorization: Bearer tgo_at_[redacted])");
    expect(err.stack).toContain("redaction.test.ts"); // the stack is kept, masked
    expect(line!.links).toEqual(["http://localhost:3000/reset-password#token=[redacted]", "http://localhost:3000/invite/[redacted]"]);
    expect(line!.connection).toBe("redis://:[redacted]@cache:6379");
    const brief = logs.lines().at(-1)!.err as Record<string, unknown>;
    expect(Object.keys(brief)).toEqual(["type", "message", "stack"]); // no fields of the error
    expect(brief.type).toBe("Error");
    expectNoSecret(logs);
  });

  it("carries the request id on every line of a call's logger, and on its children's", () => {
    logs = captureLogs();
    const call = { requestId: "req_0123456789abcdef" };
    const log = forCall(moduleLogger("gateway"), call);
    expect(forCall(moduleLogger("gateway"), call)).toBe(log); // made once per call
    log.warn(secretFields(), "first");
    log.child({ step: "refund" }).error(secretFields().err);
    forRequest(moduleLogger("management"), "req_other").error(secretFields(), "other");
    logs.stop();
    expect(logs.lines().map((line) => [line.module, line.requestId])).toEqual([
      ["gateway", call.requestId],
      ["gateway", call.requestId],
      ["management", "req_other"],
    ]);
    expectNoSecret(logs);
  });

  it("leaves an unsent email's text readable (the log is its delivery without SMTP) and nothing else of its line", () => {
    logs = captureLogs();
    const text = `Accept the invitation: http://localhost:3000/invite/${SECRETS.inviteToken}`;
    moduleLogger("email").info({ to: "dev@example.test", password: SECRETS.password, [UNSENT_EMAIL_FIELD]: text }, "email not sent");
    logs.stop();
    expect(logs.lines()).toEqual([expect.objectContaining({ to: "dev@example.test", password: "[redacted]", [UNSENT_EMAIL_FIELD]: text })]);
  });
});

describe("LOG_LEVEL", () => {
  const saved = process.env.LOG_LEVEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved;
  });

  it("defaults to info, takes pino's levels and silent, and refuses anything else by name", () => {
    delete process.env.LOG_LEVEL;
    expect(logLevel()).toBe("info");
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace", "silent"]) {
      process.env.LOG_LEVEL = level;
      expect(logLevel()).toBe(level);
    }
    process.env.LOG_LEVEL = "verbose";
    expect(() => logLevel()).toThrow(/LOG_LEVEL/);
  });

  it("drops lines below the level before they are built, and every line at silent", () => {
    logs = captureLogs("warn");
    const log = moduleLogger("gateway");
    let built = 0;
    if (log.isLevelEnabled("debug")) built++;
    log.info("below warn");
    log.warn("at warn");
    rootLogger().level = "silent";
    log.error("silenced");
    logs.stop();
    expect(built).toBe(0);
    expect(logs.lines().map((line) => line.msg)).toEqual(["at warn"]);
  });
});

describe("the output", () => {
  afterEach(() => void vi.unstubAllEnvs());

  it("is pretty only under development (npm run dev), plain JSON lines in production and tests", () => {
    for (const nodeEnv of ["production", "test"]) {
      vi.stubEnv("NODE_ENV", nodeEnv);
      expect(prettyStream()).toBeUndefined();
    }
    vi.stubEnv("NODE_ENV", "development");
    expect(prettyStream()).toBeDefined(); // pino-pretty is installed here (a dev dependency)
  });
});
