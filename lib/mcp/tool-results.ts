// How a gateway answer becomes an MCP tool result. JSON answers travel as structuredContent (an
// object as it is, anything else as `{ result }`) plus the JSON as text; other answers as text. Text
// is cut at MCP_TEXT_MAX_CHARS with a note. Upstream 4xx and 5xx are isError results with the status
// and body; the gateway's own refusals are isError results whose text says what to do (top up and
// call again, retry after N seconds) and whose structuredContent holds the problem's fields.
import { decimalToMicros, formatMoney } from "@/lib/money";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** Text content stops here (documented in the README, "MCP"); structuredContent carries the whole JSON. */
export const MCP_TEXT_MAX_CHARS = 50_000;
/** At most this much of an answer is read; a longer one is cut, and its JSON is not parsed. */
export const MCP_ANSWER_MAX_BYTES = 1024 * 1024;

export type ToolError = {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  [field: string]: unknown;
};

export type ReadAnswer = { status: number; statusText: string; headers: Headers; text: string; cut: boolean; bytes: number };

export function cutText(text: string, note = ""): string {
  if (text.length <= MCP_TEXT_MAX_CHARS) return text;
  const size = text.length.toLocaleString("en");
  return `${text.slice(0, MCP_TEXT_MAX_CHARS)}\n\n[Cut at ${MCP_TEXT_MAX_CHARS.toLocaleString("en")} of ${size} characters.${note ? ` ${note}` : ""}]`;
}

function meta(answer: ReadAnswer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [header, name] of [
    ["x-request-id", "tollgate/requestId"],
    ["x-credit-charged", "tollgate/charged"],
    ["x-credit-balance", "tollgate/balance"],
  ] as const) {
    const value = answer.headers.get(header);
    if (value !== null) fields[name] = value;
  }
  return fields;
}

export function errorResult(text: string, error: ToolError, answer?: ReadAnswer): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: cutText(text) }],
    structuredContent: error,
    ...(answer ? { _meta: meta(answer) } : {}),
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { result: value };

const money = (amount: unknown, currency: string): string => {
  if (typeof amount !== "string") return "?";
  const negative = amount.startsWith("-");
  try {
    const micros = decimalToMicros(negative ? amount.slice(1) : amount);
    return formatMoney(negative ? -micros : micros, currency);
  } catch {
    return `${amount} ${currency}`;
  }
};

/**
 * A refusal by Tollgate itself (no X-Credit-Charged header: nothing reached the API), in words an
 * agent can act on. `body` is the problem (REST gateway) or the AI gateway's error with the problem's
 * fields beside it.
 */
export function refusalResult(answer: ReadAnswer): CallToolResult {
  const parsed = parseJson(answer.text);
  const body = parsed.ok ? asObject(parsed.value) : {};
  const nested = typeof body.error === "object" && body.error !== null ? (body.error as Record<string, unknown>) : {};
  const code = String(body.code ?? nested.code ?? "error");
  const detail = String(body.detail ?? nested.message ?? (answer.text.slice(0, 500) || answer.statusText));
  const { type: _type, title: _title, error: _error, ...fields } = body;
  const error: ToolError = { ...fields, status: answer.status, code, detail };
  const currency = String(body.currency ?? "");
  if (code === "insufficient_credit") {
    const topUp = String(body.topUpUrl ?? "your team's Billing page");
    return errorResult(
      `Your team's credit (${money(body.balance, currency)}) does not cover this call (${money(body.price, currency)}). Top up at ${topUp}, then call again.`,
      error,
      answer,
    );
  }
  if (code === "rate_limited") {
    const seconds = Number(answer.headers.get("retry-after") ?? body.retryAfter ?? 1) || 1;
    const at = new Date(Date.now() + seconds * 1000).toISOString();
    return errorResult(
      `Rate limit reached. ${detail} Call again after ${seconds} s (at ${at}).`,
      { ...error, retryAfterSeconds: seconds },
      answer,
    );
  }
  return errorResult(`Tollgate refused the call (${answer.status} ${code}): ${detail}`, error, answer);
}

/** The API answered (the gateway relayed it, charged or refunded as the plan says). */
export function answerResult(
  answer: ReadAnswer,
  options: { validate?: (value: Record<string, unknown>) => string | null; wrapsResult?: boolean },
): CallToolResult {
  const contentType = answer.headers.get("content-type") ?? "";
  const json = !answer.cut && /^application\/([\w.+-]*\+)?json\b/i.test(contentType) ? parseJson(answer.text) : { ok: false as const };
  const charged = answer.headers.get("x-credit-charged");
  const cutNote = answer.cut ? ` The answer was longer than ${MCP_ANSWER_MAX_BYTES / 1024 / 1024} MiB; only its start is shown.` : "";
  if (answer.status >= 400) {
    const body = json.ok ? json.value : cutText(answer.text);
    const refunded = answer.status >= 500 && charged !== null && /^0(\.0+)?$/.test(charged) ? " You were not charged." : "";
    return errorResult(
      `The API answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""}.${refunded}${cutNote}\n\n${answer.text}`,
      {
        status: answer.status,
        code: "upstream_error",
        detail: `The API answered ${answer.status}.`,
        requestId: answer.headers.get("x-request-id") ?? undefined,
        body,
      },
      answer,
    );
  }
  if (json.ok) {
    const structured = options.wrapsResult ? { result: json.value } : asObject(json.value);
    const mismatch = options.validate?.(structured) ?? null;
    if (!mismatch) {
      return {
        content: [{ type: "text", text: cutText(JSON.stringify(json.value), "The whole answer is in structuredContent.") }],
        structuredContent: structured,
        _meta: meta(answer),
      };
    }
    return unexpected(answer, `The API's answer does not match the schema its document declares (${mismatch}).`);
  }
  if (options.validate) {
    // A tool with an output schema must return matching structured content: say why there is none.
    return unexpected(
      answer,
      answer.cut
        ? `The answer is too long to return as data.${cutNote}`
        : `The API answered ${contentType || "without a content type"}, not JSON.`,
    );
  }
  return {
    content: [
      { type: "text", text: cutText(answer.text || `(${answer.status}, no content)`) + (cutNote ? `\n\n[${cutNote.trim()}]` : "") },
    ],
    _meta: meta(answer),
  };
}

function unexpected(answer: ReadAnswer, why: string): CallToolResult {
  return errorResult(
    `${why} The call itself succeeded (${answer.status}) and was charged as usual. The answer as text:\n\n${answer.text}`,
    {
      status: answer.status,
      code: "unexpected_answer",
      detail: why,
      requestId: answer.headers.get("x-request-id") ?? undefined,
      body: cutText(answer.text),
    },
    answer,
  );
}
