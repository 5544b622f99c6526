// The authorization server driven in-process, as an MCP client and a consenting user would: register
// through the route, consent through lib/oauth/consent (what the page's action calls), exchange and
// refresh through the token route. Real PostgreSQL, real hashing; no OAuth code is stubbed.
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import { POST as registerRoute } from "@/app/api/oauth/register/route";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import { POST as revokeRoute } from "@/app/api/oauth/revoke/route";
import { allowAuthorization } from "@/lib/oauth/consent";
import { mcpResourceUrl } from "@/lib/oauth/resource";
import { PEER_HEADER, stampPeer } from "@/lib/http/client-address";
import { randomIp } from "../factories";

// As under scripts/serve.ts: the peer header is set by the server, so registrations count per address.
stampPeer({ socket: { remoteAddress: "127.0.0.1" }, headers: {} } as unknown as IncomingMessage);

export const REDIRECT_URI = "http://127.0.0.1:8976/callback";

export function pkceVerifierPair() {
  const verifier = crypto.randomBytes(32).toString("base64url");
  return { verifier, challenge: crypto.createHash("sha256").update(verifier).digest("base64url") };
}

export async function register(metadata: Record<string, unknown> = {}, ip = randomIp()): Promise<Response> {
  const body = JSON.stringify({ client_name: "Test Agent", redirect_uris: [REDIRECT_URI], ...metadata });
  return registerRoute(
    withIp(
      new Request("http://localhost:3000/api/oauth/register", { method: "POST", headers: { "content-type": "application/json" }, body }),
      ip,
    ),
  );
}

/** The route reads the peer address the way serve.ts stamps it; tests vary it per registration. */
function withIp(request: Request, ip: string): Request {
  const headers = new Headers(request.headers);
  headers.set(PEER_HEADER, `${ip} http`);
  return new Request(request, { headers });
}

export async function registeredClientId(name = "Test Agent"): Promise<string> {
  const response = await register({ client_name: name });
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { client_id: string }).client_id;
}

export function authorizationParams(clientId: string, challenge: string, overrides: Record<string, string | null> = {}): URLSearchParams {
  const params: Record<string, string | null> = {
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    state: "st-123",
    code_challenge: challenge,
    code_challenge_method: "S256",
    resource: mcpResourceUrl(),
    scope: "mcp",
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) search.set(name, value);
  return search;
}

type Consent = { team: string; spendCap?: string; expiry?: string };

/** The user allows; returns the code from the redirect. */
export async function consent(userId: string, params: URLSearchParams, choice: Consent): Promise<{ code: string; redirect: URL }> {
  const outcome = await allowAuthorization(userId, params, { spendCap: "", expiry: "30", ...choice });
  if (!("redirectTo" in outcome)) throw new Error(`consent refused: ${outcome.invalid}`);
  const redirect = new URL(outcome.redirectTo);
  const code = redirect.searchParams.get("code");
  if (!code) throw new Error(`no code in ${redirect.searchParams.get("error")}: ${redirect.searchParams.get("error_description")}`);
  return { code, redirect };
}

export function postForm(route: (request: Request) => Promise<Response>, path: string, form: Record<string, string>): Promise<Response> {
  return route(
    new Request(`http://localhost:3000${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

export const token = (form: Record<string, string>) => postForm(tokenRoute, "/api/oauth/token", form);
export const revoke = (form: Record<string, string>) => postForm(revokeRoute, "/api/oauth/revoke", form);

export type Tokens = { access_token: string; refresh_token: string; expires_in: number; token_type: string; scope: string };

export async function exchange(clientId: string, code: string, verifier: string, extra: Record<string, string> = {}): Promise<Response> {
  return token({
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    resource: mcpResourceUrl(),
    ...extra,
  });
}

/** Register, consent and exchange: a working grant's tokens. */
export async function signIn(userId: string, choice: Consent & { resource?: string }, clientName = "Test Agent") {
  const clientId = await registeredClientId(clientName);
  const { verifier, challenge } = pkceVerifierPair();
  const resource = choice.resource ?? mcpResourceUrl();
  const { code } = await consent(userId, authorizationParams(clientId, challenge, { resource }), choice);
  const response = await exchange(clientId, code, verifier, { resource });
  if (response.status !== 200) throw new Error(`exchange failed: ${response.status} ${await response.text()}`);
  return { clientId, code, verifier, resource, tokens: (await response.json()) as Tokens };
}
