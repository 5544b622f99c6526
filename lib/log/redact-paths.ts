// The fields whose value never reaches a log line, by name, as they are spelled in this code base
// (Prisma columns, Auth.js and OAuth wire names, env variables, the gateway's headers). pino's
// `redact` censors them at the top level and up to two objects deep (`{ err: { headers: … } }`);
// mask-secrets.ts censors the same names deeper down and a known secret's shape in any string.

export const REDACTED = "[redacted]";

const SECRET_FIELDS = [
  // team keys and their hashes (lib/keys), the admin token of /api/v1
  "key",
  "rawKey",
  "bearerKey",
  "teamKey",
  "apiKey",
  "api_key",
  "hash",
  "keyHash",
  "adminToken",
  // passwords and session material (lib/auth, Auth.js)
  "password",
  "currentPassword",
  "newPassword",
  "passwordHash",
  "sessionToken",
  "token",
  "tokenHash",
  "codeHash",
  "access_token",
  "refresh_token",
  "id_token",
  "accessToken",
  "refreshToken",
  "code_verifier",
  "client_secret",
  "clientSecret",
  // upstream credentials of REST APIs and AI providers (stored encrypted; decrypted on the hot path)
  "upstreamCredential",
  "upstreamCredentialEncrypted",
  "credential",
  "apiKeyEncrypted",
  "extraHeaders",
  "extraHeadersEncrypted",
  // webhook signing secrets (team webhooks, Stripe) and Stripe's signature header value
  "secret",
  "secrets",
  "webhookSecret",
  "webhookSecretEncrypted",
  "signature",
  // one-time links in emails (invitations, verification, password reset, address change)
  "url",
  "link",
  "resetUrl",
  "verificationUrl",
  "confirmUrl",
  // the environment's secrets, should a whole env object be logged
  "AUTH_SECRET",
  "TOLLGATE_ENCRYPTION_KEY",
  "TOLLGATE_ADMIN_TOKEN",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "AUTH_GITHUB_SECRET",
  "AUTH_GOOGLE_SECRET",
  "DATABASE_URL",
  "SMTP_URL",
  "REDIS_URL",
  "connectionString",
  // cookies as objects
  "cookie",
  "cookies",
];

/** Headers that carry credentials, in the spellings Node and undici use (lower case) and as sent. */
const SECRET_HEADERS = [
  "authorization",
  "Authorization",
  "proxy-authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
  "x-api-key",
  "X-API-Key",
  "X-Api-Key",
  "x-upstream-key",
  "stripe-signature",
  "Stripe-Signature",
  "tollgate-signature",
];

function field(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`;
}

function atDepths(path: string): string[] {
  return [path.replace(/^\./, ""), `*${path}`, `*.*${path}`];
}

/** The same names in lower case, for the walk of every field at any depth (mask-secrets.ts). */
export const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set([...SECRET_FIELDS, ...SECRET_HEADERS].map((name) => name.toLowerCase()));

export const REDACT_PATHS: string[] = [
  ...SECRET_FIELDS.flatMap((name) => atDepths(field(name))),
  ...SECRET_HEADERS.flatMap((name) => atDepths(`.headers${field(name)}`)),
];
