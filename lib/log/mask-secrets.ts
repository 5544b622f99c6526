// Defence in depth behind the redact paths (redact-paths.ts): a secret of a shape we know is masked
// wherever it turns up in a string, e.g. an error message that quotes the key it was given, or a
// connection URL with its password. Runs only on lines that are written, never on the hot path.
import { REDACTED as CENSOR, SECRET_FIELD_NAMES } from "@/lib/log/redact-paths";

/** Each pattern keeps the readable prefix (which kind of secret it was) and drops the rest. */
const SECRET_PATTERNS: [RegExp, string][] = [
  // team keys (lib/keys/key-format.ts), OAuth codes and tokens (lib/oauth/token-format.ts), team webhook secrets
  [/tg_(live|test)_[0-9A-Za-z]+/g, `tg_$1_${CENSOR}`],
  [/tgo_(ac|at|rt)_[A-Za-z0-9_-]+/g, `tgo_$1_${CENSOR}`],
  [/tgwhsec_[A-Za-z0-9_-]+/g, `tgwhsec_${CENSOR}`],
  // Stripe secret and restricted keys, webhook signing secrets
  [/(sk|rk)_(live|test)_[0-9A-Za-z]+/g, `$1_$2_${CENSOR}`],
  [/whsec_[0-9A-Za-z+/=]+/g, `whsec_${CENSOR}`],
  // provider API keys in the OpenAI and Anthropic style (sk-…, sk-proj-…, sk-ant-…)
  [/(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{8,}/g, `sk-${CENSOR}`],
  // credentials of an Authorization header quoted in a message (unless masked above already)
  [/\b(Bearer|Basic)\s+(?![A-Za-z0-9._~+/=-]*\[redacted\])[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${CENSOR}`],
  // the password of a URL: postgres://user:secret@host, smtp://user:secret@host, redis://:secret@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s@/]+@/gi, `$1${CENSOR}@`],
  // one-time tokens in links and query strings: ?token=, #token=, ?code=, client_secret=, …
  [
    /([?&#](?:token|code|access_token|refresh_token|id_token|client_secret|code_verifier|api_key|apikey|key|password)=)[^&#\s"'<>]+/gi,
    `$1${CENSOR}`,
  ],
  // invitation links carry their token in the path
  [/(\/invite\/)[A-Za-z0-9_-]{16,}/g, `$1${CENSOR}`],
];

/** A cheap first look: most strings hold none of the markers, and skip the replacements. */
const MAYBE_SECRET = /tg_|tgo_|tgwhsec_|sk_|rk_|whsec_|sk-|bearer|basic|:\/\/|=|\/invite\//i;

export function maskSecrets(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let masked = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) masked = masked.replace(pattern, replacement);
  return masked;
}

const MAX_DEPTH = 8;

/**
 * A copy of a log line's fields with every string masked and every field of a secret's name
 * censored, at any depth. Errors are left to the error serializer (which masks them too); bigints
 * become strings (JSON has no bigint, and money is exact).
 */
export function maskSecretsDeep(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return maskSecrets(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object" || value instanceof Error) return value;
  if (value instanceof URL) return maskSecrets(value.href);
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return "[…]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskSecretsDeep(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value))
    copy[name] = SECRET_FIELD_NAMES.has(name.toLowerCase()) && item != null ? CENSOR : maskSecretsDeep(item, depth + 1, seen);
  return copy;
}
