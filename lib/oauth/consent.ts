// The consent page's decision. Allow: the signed-in user picked one of their teams (where they may
// create keys), optionally a spend cap and an expiry; a single-use code (60 s, stored hashed) goes to
// the client's registered redirect URI. Deny: `error=access_denied` goes there instead. The request's
// parameters come back from the form and are checked again from scratch, so a forged form gains nothing.
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCanManageKeys } from "@/lib/keys/key-access";
import { decimalToMicros } from "@/lib/money";
import { invalid, validateInput } from "@/lib/validation";
import { OAuthError } from "@/lib/oauth/oauth-error";
import { CODE_TTL_MS } from "@/lib/oauth/lifetimes";
import {
  authorizationErrorUrl,
  checkAuthorizationRequest,
  redirectWith,
  type AuthorizationRequest,
} from "@/lib/oauth/authorization-request";
import { generateOAuthSecret } from "@/lib/oauth/token-format";

/** Bounds the hidden keys one team accumulates (revoked and expired grants do not count). */
export const MAX_ACTIVE_GRANTS_PER_TEAM = 100;

export const GRANT_EXPIRY_CHOICES = { "1": "1 day", "7": "7 days", "30": "30 days", "90": "90 days", never: "No expiry" } as const;
export type GrantExpiryChoice = keyof typeof GRANT_EXPIRY_CHOICES;

export const consentSchema = z.object({
  team: z.string().trim().min(1, "Pick a team.").max(64),
  spendCap: z
    .string()
    .trim()
    .max(20)
    .refine((value) => value === "" || /^\d{1,9}(\.\d{1,6})?$/.test(value), {
      message: "Enter the cap as an amount, e.g. 5 or 12.50.",
      abort: true,
    })
    .refine((value) => value === "" || decimalToMicros(value) > 0n, "The spend cap must be more than zero, or empty for none."),
  expiry: z.enum(Object.keys(GRANT_EXPIRY_CHOICES) as [GrantExpiryChoice, ...GrantExpiryChoice[]], { error: "Pick an expiry." }),
});
export type ConsentInput = z.infer<typeof consentSchema>;

export type ConsentOutcome = { redirectTo: string } | { invalid: string };

/** The request the form carried, checked again; `invalid` when it no longer names a client and redirect URI. */
async function recheck(params: URLSearchParams): Promise<{ request: AuthorizationRequest } | ConsentOutcome> {
  const check = await checkAuthorizationRequest(params);
  if (check.kind === "invalid") return { invalid: check.message };
  if (check.kind === "redirect") return { redirectTo: check.url };
  return { request: check.request };
}

export async function allowAuthorization(userId: string, params: URLSearchParams, input: unknown): Promise<ConsentOutcome> {
  const checked = await recheck(params);
  if (!("request" in checked)) return checked;
  const { request } = checked;
  const choice = validateInput(consentSchema, input);
  const membership = await db.membership.findFirst({ where: { userId, team: { slug: choice.team } }, select: { teamId: true } });
  if (!membership) throw invalid({ team: "Pick one of your teams." });
  // A grant is a team key: the same rule as creating one (membership, and a verified email when required).
  await assertCanManageKeys({ type: "USER", userId }, membership.teamId, "create");
  const active = await db.oAuthGrant.count({
    where: { teamId: membership.teamId, revokedAt: null, apiKey: { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } },
  });
  if (active >= MAX_ACTIVE_GRANTS_PER_TEAM) {
    throw invalid({ team: `This team has ${MAX_ACTIVE_GRANTS_PER_TEAM} active MCP sign-ins. Revoke one on its Keys page first.` });
  }
  if (request.resource.apiSlug) {
    const api = await db.api.findUnique({ where: { slug: request.resource.apiSlug }, select: { status: true } });
    if (!api || api.status === "DRAFT" || api.status === "RETIRED") {
      return {
        redirectTo: authorizationErrorUrl(
          request.redirectUri,
          request.state,
          new OAuthError("invalid_target", "That API is not available."),
        ),
      };
    }
  }

  const code = generateOAuthSecret("code");
  await db.oAuthAuthorizationCode.create({
    data: {
      codeHash: code.hash,
      clientId: request.client.id,
      userId,
      teamId: membership.teamId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      resource: request.resource.url,
      scope: request.scope,
      spendCap: choice.spendCap ? decimalToMicros(choice.spendCap) : null,
      grantExpiresAt: choice.expiry === "never" ? null : new Date(Date.now() + Number(choice.expiry) * 24 * 60 * 60_000),
      expiresAt: new Date(Date.now() + CODE_TTL_MS),
    },
  });
  return { redirectTo: redirectWith(request.redirectUri, { code: code.value, state: request.state }) };
}

export async function denyAuthorization(params: URLSearchParams): Promise<ConsentOutcome> {
  const checked = await recheck(params);
  if (!("request" in checked)) return checked;
  const { request } = checked;
  return {
    redirectTo: authorizationErrorUrl(request.redirectUri, request.state, new OAuthError("access_denied", "The user denied access.")),
  };
}
