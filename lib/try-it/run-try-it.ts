// The try-it console's call: a signed-in member picks one of their team's keys, and the request runs
// through the real gateway core with that key, so it is authenticated, rate-limited, charged,
// metered and recorded like any other call. Nobody sends or sees the key itself.
import { STATUS_CODES } from "node:http";
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { methodMayHaveBody } from "@/lib/gateway/forward";
import { isDroppedRequestHeader } from "@/lib/gateway/headers";
import { currency } from "@/lib/money";
import { appUrl } from "@/lib/env";
import { invalid, unstorableTextErrors } from "@/lib/validation";
import { readLimited } from "@/lib/http/read-limited";
import { resolveMemberKey } from "@/lib/try-it/resolve-member-key";
import {
  SHOWN_HEADERS,
  TRY_IT_MAX_RESPONSE_BYTES,
  tryItRequestSchema,
  type TryItRequest,
  type TryItResult,
} from "@/lib/try-it/try-it-schema";

// Credentials and framing are the gateway's business: the chosen key authenticates the call, and a
// header typed into the console must not smuggle in another key, a cookie or a wrong length. The
// console drops what the gateway never forwards, plus the framing of the body it builds itself.
const BODY_FRAMING = new Set(["content-length"]);
const dropped = (name: string) => isDroppedRequestHeader(name) || BODY_FRAMING.has(name);

/** `input` is what the console posted (a TryItRequest), validated here. */
export async function runTryIt(
  userId: string,
  input: TryItRequest | unknown,
  options: { signal?: AbortSignal } = {},
): Promise<TryItResult> {
  const unstorable = unstorableTextErrors(input);
  if (unstorable) throw invalid(unstorable);
  const parsed = tryItRequestSchema.safeParse(input);
  if (!parsed.success)
    throw invalid(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join(".") || "body", issue.message])));
  const call = parsed.data;

  // Membership is checked in the database on every call: a removed member loses the console at once.
  const key = await resolveMemberKey(userId, call.team, call.keyId);

  const origin = new URL(appUrl());
  const url = new URL(`${origin.origin}/api/gateway/${call.api}${call.path === "/" ? "" : call.path}`);
  url.search = call.query;
  // The URL parser resolves dot segments; whatever comes out must still be a call to this API.
  const prefix = `/api/gateway/${call.api}`;
  if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) throw invalid({ path: "The path must stay inside the API." });

  const headers = new Headers();
  for (const [name, value] of Object.entries(call.headers)) {
    if (!dropped(name.toLowerCase())) headers.set(name, value);
  }
  const body = methodMayHaveBody(call.method) && call.body ? call.body : undefined;
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");

  const request = new Request(url, { method: call.method, headers, body, signal: options.signal });
  const started = performance.now();
  const response = await handleGatewayRequest(
    request,
    { ip: null, proto: origin.protocol.replace(":", ""), host: origin.host },
    { authenticatedKey: key },
  );
  // An upstream that breaks its body off mid-way (the gateway has recorded and, by default, refunded
  // the call): the console says so instead of failing.
  const { bytes, truncated } = await readLimited(response.body, TRY_IT_MAX_RESPONSE_BYTES).catch(() => ({
    bytes: new TextEncoder().encode(
      "(The API broke off its answer before the end; see the request log. Under the default charge policy the call was refunded.)",
    ),
    truncated: true,
  }));
  const shown: Record<string, string> = {};
  for (const name of SHOWN_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) shown[name] = value;
  }
  return {
    status: response.status,
    statusText: response.statusText || STATUS_CODES[response.status] || "",
    headers: shown,
    body: new TextDecoder().decode(bytes),
    truncated,
    latencyMs: Math.round(performance.now() - started),
    currency: currency(),
  };
}
