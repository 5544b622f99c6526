// The authorization code flow end to end in-process, and every way a token must be refused: wrong
// audience, replayed code, wrong verifier, expired token, revoked grant, refresh replay, a member
// who left, another team. Calls made with a grant are real gateway calls charged to the chosen team.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { checkAuthorizationRequest } from "@/lib/oauth/authorization-request";
import { allowAuthorization, denyAuthorization } from "@/lib/oauth/consent";
import { mcpResourceUrl } from "@/lib/oauth/resource";
import { listTeamGrants, revokeTeamGrant } from "@/lib/oauth/team-grants";
import { verifyMcpAccessToken } from "@/lib/oauth/verify-access-token";
import { removeMember } from "@/lib/teams/members";
import { addMember, contextFor, createTeamWithOwner } from "../factories";
import { createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { userActor } from "../support/key-factories";
import {
  authorizationParams,
  consent,
  exchange,
  pkceVerifierPair,
  registeredClientId,
  revoke,
  signIn,
  token,
  type Tokens,
} from "./oauth-flow";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const ALL = mcpResourceUrl();
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
const refresh = (clientId: string, tokens: Tokens) =>
  token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: clientId });
const grantOf = (teamId: string) => db.oAuthGrant.findFirstOrThrow({ where: { teamId }, orderBy: { createdAt: "desc" } });

/** A tool call as lib/mcp makes it: a gateway call with the grant's key. */
async function callAs(principalKey: Parameters<typeof handleGatewayRequest>[2], slug: string) {
  return handleGatewayRequest(
    new Request(`http://localhost:3000/api/gateway/${slug}/echo`),
    { ip: "203.0.113.7", proto: "http", host: "localhost:3000" },
    principalKey,
  );
}

describe("a signed-in agent", () => {
  it("gets tokens bound to the chosen team and resource, and its calls are the team's gateway calls", async () => {
    const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, price: 1_000n });
    const { tokens } = await signIn(fixture.owner.id, { team: fixture.team.slug, spendCap: "0.0025", expiry: "7" });
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "mcp" });
    expect(tokens.access_token).toMatch(/^tgo_at_/);
    expect(tokens.refresh_token).toMatch(/^tgo_rt_/);

    const principal = await verifyMcpAccessToken(tokens.access_token, ALL);
    expect(principal).toMatchObject({
      teamId: fixture.team.id,
      userId: fixture.owner.id,
      clientName: "Test Agent",
      apiSlug: null,
      spendCap: 2_500n,
    });
    expect(principal!.grantExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    // Stored hashed: neither token's value is in the database.
    const stored = await db.oAuthToken.findMany({ where: { grantId: principal!.grantId } });
    expect(stored.map((row) => row.tokenHash)).not.toContain(tokens.access_token);
    expect(JSON.stringify(stored)).not.toContain(tokens.access_token.slice(7));

    // Two calls fit under the 0.0025 cap at 0.001 each; the third is refused by the key's cap.
    expect((await callAs({ authenticatedKey: principal!.key }, fixture.slug)).status).toBe(200);
    expect((await callAs({ authenticatedKey: principal!.key }, fixture.slug)).status).toBe(200);
    const capped = await callAs({ authenticatedKey: principal!.key }, fixture.slug);
    expect(capped.status).toBe(402);
    expect((await capped.json()).code).toBe("key_spend_cap_reached");
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(8_000n);

    // The grant shows on the Keys page with its spend; its hidden key is not among the keys.
    const [grant] = await listTeamGrants(fixture.team.id);
    expect(grant).toMatchObject({ clientName: "Test Agent", spent: 2_000n, spendCap: 2_500n, status: "active" });
    expect(grant!.lastUsedAt).not.toBeNull();
    expect((await listApiKeys(fixture.team.id)).map((key) => key.id)).not.toContain(principal!.key.id);
  });

  it("scopes a grant for /api/mcp/{api} to that API alone", async () => {
    const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n });
    const other = await db.api.create({
      data: { slug: `${fixture.slug}-b`, name: "Other", status: "PUBLISHED", upstreamBaseUrl: upstream.url, publishedAt: new Date() },
    });
    const { tokens } = await signIn(fixture.owner.id, { team: fixture.team.slug, resource: mcpResourceUrl(fixture.slug) });
    const principal = await verifyMcpAccessToken(tokens.access_token, mcpResourceUrl(fixture.slug));
    expect(principal?.apiSlug).toBe(fixture.slug);
    expect([...principal!.key.scopeApiIds]).toEqual([fixture.api.id]);
    expect((await callAs({ authenticatedKey: principal!.key }, other.slug)).status).toBe(403);
    expect((await callAs({ authenticatedKey: principal!.key }, fixture.slug)).status).toBe(200);
    await expectLedgerInvariant(fixture.team.id);
    // An uncapped grant's spend comes from the usage rollups, written in batches.
    await expect.poll(async () => (await listTeamGrants(fixture.team.id))[0]?.spent, { timeout: 5_000 }).toBe(1_000n);
  });
});

describe("refusals", () => {
  it("refuses a token at any other audience: another API, the whole server, another origin, garbage", async () => {
    const { team, owner } = await createTeamWithOwner();
    const resource = mcpResourceUrl("weather");
    await db.api
      .create({ data: { slug: "weather", name: "Weather", status: "PUBLISHED", upstreamBaseUrl: upstream.url, publishedAt: new Date() } })
      .catch(() => null);
    const { tokens } = await signIn(owner.id, { team: team.slug, resource });
    expect(await verifyMcpAccessToken(tokens.access_token, resource)).not.toBeNull();
    expect(await verifyMcpAccessToken(tokens.access_token, `${resource}/`)).not.toBeNull();
    for (const elsewhere of [mcpResourceUrl("news"), ALL, "http://evil.example/api/mcp/weather", `${resource}?x=1`, "not a url"]) {
      expect(await verifyMcpAccessToken(tokens.access_token, elsewhere)).toBeNull();
    }
    expect(await verifyMcpAccessToken(tokens.refresh_token, resource)).toBeNull();
    expect(await verifyMcpAccessToken("tgo_at_" + "x".repeat(43), resource)).toBeNull();
  });

  it("refuses an exchange for another resource than the one the user consented to", async () => {
    const { team, owner } = await createTeamWithOwner();
    const clientId = await registeredClientId();
    const { verifier, challenge } = pkceVerifierPair();
    const { code } = await consent(owner.id, authorizationParams(clientId, challenge), { team: team.slug });
    const response = await exchange(clientId, code, verifier, { resource: mcpResourceUrl("other") });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe("invalid_target");
  });

  it("spends a code once: a replay is refused and revokes the grant the first exchange created", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { clientId, code, verifier, tokens } = await signIn(owner.id, { team: team.slug });
    const replay = await exchange(clientId, code, verifier);
    expect(replay.status).toBe(400);
    expect(await errorOf(replay)).toBe("invalid_grant");
    expect(await verifyMcpAccessToken(tokens.access_token, ALL)).toBeNull();
    expect((await refresh(clientId, tokens)).status).toBe(400);
    expect(await grantOf(team.id)).toMatchObject({ revokedReason: "code_replay" });
  });

  it("refuses a wrong code_verifier, and the code is spent by the attempt", async () => {
    const { team, owner } = await createTeamWithOwner();
    const clientId = await registeredClientId();
    const { verifier, challenge } = pkceVerifierPair();
    const { code } = await consent(owner.id, authorizationParams(clientId, challenge), { team: team.slug });
    const wrong = await exchange(clientId, code, pkceVerifierPair().verifier);
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toBe("invalid_grant");
    expect((await exchange(clientId, code, verifier)).status).toBe(400);
  });

  it("refuses a code presented by another client, with another redirect URI, or after 60 s", async () => {
    const { team, owner } = await createTeamWithOwner();
    const clientId = await registeredClientId();
    const otherClient = await registeredClientId();
    for (const attempt of ["client", "redirect", "expired"] as const) {
      const { verifier, challenge } = pkceVerifierPair();
      const { code } = await consent(owner.id, authorizationParams(clientId, challenge), { team: team.slug });
      if (attempt === "expired")
        await db.oAuthAuthorizationCode.updateMany({ where: { clientId, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
      const response =
        attempt === "client"
          ? await exchange(otherClient, code, verifier)
          : await exchange(clientId, code, verifier, attempt === "redirect" ? { redirect_uri: "http://127.0.0.1:8976/other" } : {});
      expect(response.status, attempt).toBe(400);
      expect(await errorOf(response)).toBe("invalid_grant");
    }
  });

  it("refuses an expired access token", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { tokens } = await signIn(owner.id, { team: team.slug });
    await db.oAuthToken.updateMany({
      where: { kind: "ACCESS", grant: { teamId: team.id } },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await verifyMcpAccessToken(tokens.access_token, ALL)).toBeNull();
  });

  it("refuses every token once an admin revokes the grant on the Keys page; a plain member cannot revoke another's grant", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    const { clientId, tokens } = await signIn(owner.id, { team: team.slug });
    const grant = await grantOf(team.id);
    await expect(revokeTeamGrant(team.id, grant.id, userActor(member.id))).rejects.toMatchObject({ code: "forbidden" });
    expect(await verifyMcpAccessToken(tokens.access_token, ALL)).not.toBeNull();
    await revokeTeamGrant(team.id, grant.id, userActor(owner.id));
    expect(await verifyMcpAccessToken(tokens.access_token, ALL)).toBeNull();
    expect(await errorOf(await refresh(clientId, tokens))).toBe("invalid_grant");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: grant.apiKeyId } })).revokedAt).not.toBeNull();
    expect((await listTeamGrants(team.id))[0]).toMatchObject({ status: "revoked", revokedReason: "revoked_by_member" });
  });

  it("ends the grant of a user who leaves the team", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user: member, membership } = await addMember(team.id, "MEMBER");
    const { tokens } = await signIn(member.id, { team: team.slug });
    expect(await verifyMcpAccessToken(tokens.access_token, ALL)).not.toBeNull();
    await removeMember(await contextFor(owner.id, team), membership.id);
    expect(await verifyMcpAccessToken(tokens.access_token, ALL)).toBeNull();
    expect(await grantOf(team.id)).toMatchObject({ revokedReason: "member_left" });
  });
});

describe("refresh tokens", () => {
  it("rotate: each works once; a replay of a spent one revokes the whole grant", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { clientId, tokens: first } = await signIn(owner.id, { team: team.slug });
    const rotated = await refresh(clientId, first);
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as Tokens;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await verifyMcpAccessToken(second.access_token, ALL)).not.toBeNull();

    const replay = await refresh(clientId, first);
    expect(replay.status).toBe(400);
    expect(await errorOf(replay)).toBe("invalid_grant");
    expect(await verifyMcpAccessToken(second.access_token, ALL)).toBeNull();
    expect(await errorOf(await refresh(clientId, second))).toBe("invalid_grant");
    expect(await grantOf(team.id)).toMatchObject({ revokedReason: "refresh_token_reuse" });
  });

  it("are refused to another client without being spent", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { clientId, tokens } = await signIn(owner.id, { team: team.slug });
    expect(await errorOf(await refresh(await registeredClientId(), tokens))).toBe("invalid_grant");
    expect((await refresh(clientId, tokens)).status).toBe(200);
  });

  it("never outlive the grant's expiry", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { tokens } = await signIn(owner.id, { team: team.slug, expiry: "1" });
    const rows = await db.oAuthToken.findMany({ where: { grant: { teamId: team.id } } });
    for (const row of rows) expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(tokens.expires_in).toBe(3600);
  });
});

describe("revocation (RFC 7009)", () => {
  it("revokes an access token alone, or a refresh token with its grant; unknown tokens get 200 too", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { clientId, tokens } = await signIn(owner.id, { team: team.slug });
    const second = (await (await refresh(clientId, tokens)).json()) as Tokens;
    expect((await revoke({ token: second.access_token, client_id: clientId })).status).toBe(200);
    expect(await verifyMcpAccessToken(second.access_token, ALL)).toBeNull();
    expect((await grantOf(team.id)).revokedAt).toBeNull();
    expect((await revoke({ token: second.refresh_token, client_id: clientId })).status).toBe(200);
    expect(await grantOf(team.id)).toMatchObject({ revokedReason: "revoked_by_client" });
    expect((await revoke({ token: "tgo_rt_unknown" })).status).toBe(200);
    expect((await revoke({})).status).toBe(400);
  });
});

describe("the authorization request", () => {
  it("shows an unknown client or an unregistered redirect URI to the person, never redirecting", async () => {
    const clientId = await registeredClientId();
    const { challenge } = pkceVerifierPair();
    expect(await checkAuthorizationRequest(authorizationParams("tgc_nope", challenge))).toMatchObject({ kind: "invalid" });
    expect(
      await checkAuthorizationRequest(authorizationParams(clientId, challenge, { redirect_uri: "http://127.0.0.1:8976/callback/x" })),
    ).toMatchObject({ kind: "invalid" });
    const doubled = authorizationParams(clientId, challenge);
    doubled.append("redirect_uri", "https://evil.example/");
    expect(await checkAuthorizationRequest(doubled)).toMatchObject({ kind: "invalid" });
  });

  it.each([
    [{ code_challenge: null }, "invalid_request"],
    [{ code_challenge_method: "plain" }, "invalid_request"],
    [{ code_challenge_method: null }, "invalid_request"],
    [{ resource: null }, "invalid_request"],
    [{ resource: "https://elsewhere.example/api/mcp" }, "invalid_target"],
    [{ resource: "http://localhost:3000/api/gateway/x" }, "invalid_target"],
    [{ response_type: "token" }, "unsupported_response_type"],
    [{ scope: "admin" }, "invalid_scope"],
  ])("sends %j back to the client as %s, with its state", async (override, error) => {
    const clientId = await registeredClientId();
    const check = await checkAuthorizationRequest(authorizationParams(clientId, pkceVerifierPair().challenge, override));
    expect(check.kind).toBe("redirect");
    const url = new URL((check as { url: string }).url);
    expect(url.origin + url.pathname).toBe("http://127.0.0.1:8976/callback");
    expect(url.searchParams.get("error")).toBe(error);
    expect(url.searchParams.get("state")).toBe("st-123");
    expect(url.searchParams.get("iss")).toBe("http://localhost:3000");
  });

  it("a denial goes back as access_denied and creates nothing", async () => {
    const { team } = await createTeamWithOwner();
    const clientId = await registeredClientId();
    const outcome = await denyAuthorization(authorizationParams(clientId, pkceVerifierPair().challenge));
    expect(new URL((outcome as { redirectTo: string }).redirectTo).searchParams.get("error")).toBe("access_denied");
    expect(await db.oAuthAuthorizationCode.count({ where: { clientId } })).toBe(0);
    expect(await db.oAuthGrant.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("keeps teams apart: a user can only pick their own team, and never see or revoke another team's grant", async () => {
    const a = await createTeamWithOwner();
    const b = await createTeamWithOwner();
    const clientId = await registeredClientId();
    const params = authorizationParams(clientId, pkceVerifierPair().challenge);
    await expect(allowAuthorization(a.owner.id, params, { team: b.team.slug, spendCap: "", expiry: "30" })).rejects.toMatchObject({
      fieldErrors: { team: "Pick one of your teams." },
    });
    await signIn(b.owner.id, { team: b.team.slug });
    const grantB = await grantOf(b.team.id);
    expect(await listTeamGrants(a.team.id)).toEqual([]);
    await expect(revokeTeamGrant(a.team.id, grantB.id, userActor(a.owner.id))).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeTeamGrant(b.team.id, grantB.id, userActor(a.owner.id))).rejects.toMatchObject({ code: "not_found" });
    expect((await grantOf(b.team.id)).revokedAt).toBeNull();
  });

  it("refuses a spend cap that is not a positive amount", async () => {
    const { team, owner } = await createTeamWithOwner();
    const params = authorizationParams(await registeredClientId(), pkceVerifierPair().challenge);
    for (const spendCap of ["-1", "0", "abc", "1.1234567"]) {
      await expect(allowAuthorization(owner.id, params, { team: team.slug, spendCap, expiry: "30" })).rejects.toMatchObject({
        fieldErrors: { spendCap: expect.any(String) },
      });
    }
  });
});
