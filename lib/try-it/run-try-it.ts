// The try-it console's call: a signed-in member picks one of their team's keys, and the request runs
// through the real gateway core with that key, so it is authenticated, rate-limited, charged,
// metered and recorded like any other call. Nobody sends or sees the key itself.
import { STATUS_CODES } from "node:http";
import { apiKeyStatus } from "@/lib/keys/public-api-key";
import { findTeamApiKey } from "@/lib/keys/find-team-api-key";
import { requireTeamRole } from "@/lib/teams/team-access";
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { resolveApiKeyById } from "@/lib/gateway/key-cache";
import { methodMayHaveBody } from "@/lib/gateway/forward";
import { isDroppedRequestHeader } from "@/lib/gateway/headers";
import { currency } from "@/lib/money";
import { appUrl } from "@/lib/env";
import { invalid, unstorableTextErrors } from "@/lib/validation";
import { readLimited } from "@/lib/http/read-limited";
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
const BODY_FRAMING = new Set(["content-length", "expect"]);
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
  const { team } = await requireTeamRole(userId, call.team);
  const row = await findTeamApiKey(team.id, call.keyId);
  const status = apiKeyStatus(row);
  if (status === "revoked" || status === "expired") {
    throw invalid({ keyId: `The key “${row.name}” is ${status}. Pick an active key or create one on the Keys page.` });
  }
  const key = await resolveApiKeyById(row.id);
  if (!key) throw invalid({ keyId: "That key no longer exists." });

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
  const { bytes, truncated } = await readLimited(response.body, TRY_IT_MAX_RESPONSE_BYTES);
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
