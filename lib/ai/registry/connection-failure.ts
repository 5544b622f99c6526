// What a failed connection test says: a category the admin console and API clients can act on, and
// one sentence naming what failed (DNS, refused, timeout, TLS, the status and the provider's own
// message). The provider's words are scrubbed of the key and of anything that looks like a masked
// key ("sk-…****abcd"), since providers like to quote the key they refused.
import { forbiddenDestinationIn } from "@/lib/net/guarded-lookup";

export type ConnectionFailure =
  | "forbidden_destination"
  | "dns"
  | "refused"
  | "timeout"
  | "tls"
  | "network"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "http_error"
  | "not_json"
  | "unexpected_shape";

export type FailureReport = { failure: ConnectionFailure; status: number | null; message: string };

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;
const MAX_PROVIDER_MESSAGE = 300;

/** Replaces every whole secret of the provider in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) if (secret.length >= 4) redacted = redacted.split(secret).join("[redacted]");
  return redacted;
}

/**
 * For text that came back from the provider: whole secrets, masked keys, and words that are a
 * piece of a secret (at least 8 characters with a digit: a key prefix or suffix, not a plain word).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets)
    .replace(/\S*\*{3,}\S*/g, "[redacted]")
    .split(/(\s+)/)
    .map((word) => {
      const bare = word.replace(/^["'`(]+|["'`).,:;]+$/g, "");
      return bare.length >= 8 && /\d/.test(bare) && secrets.some((secret) => secret.includes(bare)) ? "[redacted]" : word;
    })
    .join("");
}

function errorCode(error: unknown): string | undefined {
  for (let candidate = error, depth = 0; candidate && depth < 3; candidate = (candidate as { cause?: unknown }).cause, depth++) {
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** A thrown connection error -> what failed, in words. */
export function describeConnectError(error: unknown, url: URL, timeouts: { connectMs: number; answerMs: number }): FailureReport {
  const refusal = forbiddenDestinationIn(error);
  if (refusal)
    return {
      failure: "forbidden_destination",
      status: null,
      message: `${refusal.message}. Providers must be public unless ALLOW_PRIVATE_UPSTREAMS=true.`,
    };
  const name = (error as { name?: unknown } | null)?.name;
  const code = errorCode(error) ?? (name === "TimeoutError" || name === "AbortError" ? "UND_ERR_ABORTED" : "");
  const host = url.host;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA" || code === "EAI_FAIL") {
    return { failure: "dns", status: null, message: `DNS: "${url.hostname}" does not resolve (${code}). Check the host name.` };
  }
  if (code === "ECONNREFUSED")
    return { failure: "refused", status: null, message: `Connection refused by ${host}: nothing accepts connections there.` };
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") {
    return { failure: "timeout", status: null, message: `No connection to ${host} within ${timeouts.connectMs} ms (connect timeout).` };
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_ABORTED" || code === "ABORT_ERR") {
    return { failure: "timeout", status: null, message: `Connected to ${host}, but no complete answer within ${timeouts.answerMs} ms.` };
  }
  if (TLS_CODE.test(code))
    return {
      failure: "tls",
      status: null,
      message: `TLS with ${host} failed (${code}): the certificate is not trusted or the server does not speak HTTPS there.`,
    };
  const detail = code || (error as Error)?.message || "unknown error";
  return { failure: "network", status: null, message: `The connection to ${host} failed (${detail}).` };
}

/** The provider's own error message from an error body, in its OpenAI or Anthropic shape, or its start. */
export function providerMessage(body: string): string {
  let message = body.trim();
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const candidate = typeof parsed.error === "object" ? parsed.error?.message : (parsed.error ?? parsed.message);
    if (typeof candidate === "string") message = candidate;
  } catch {
    // not JSON: the text itself
  }
  message = message.replace(/\s+/g, " ");
  return message.length > MAX_PROVIDER_MESSAGE ? `${message.slice(0, MAX_PROVIDER_MESSAGE)}…` : message;
}

const HINTS: Record<number, { failure: ConnectionFailure; hint: string }> = {
  401: { failure: "unauthorized", hint: "the provider refused the API key: replace it" },
  403: { failure: "forbidden", hint: "the key is valid but may not list models" },
  404: {
    failure: "not_found",
    hint: "nothing there: check the base URL (OpenAI-compatible servers usually end in /v1; Anthropic's is https://api.anthropic.com, without /v1)",
  },
  429: { failure: "rate_limited", hint: "the provider is rate limiting this key; try again later" },
};

/** A non-2xx answer -> what failed; `said` is the provider's message, already scrubbed. */
export function describeStatus(status: number, url: URL, said: string): FailureReport {
  const known = HINTS[status] ?? {
    failure: "http_error" as const,
    hint: status >= 500 ? "the provider failed" : "the provider refused the request",
  };
  const quoted = said ? ` The provider said: "${said}"` : "";
  return { failure: known.failure, status, message: `GET ${url.pathname} answered ${status}: ${known.hint}.${quoted}` };
}
