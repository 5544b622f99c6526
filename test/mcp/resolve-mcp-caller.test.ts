// The auth seam between lib/mcp and lib/oauth: team keys are checked by the key cache; anything shaped
// like an OAuth access token goes to the verifier with the resource of the URL it was sent to, and a
// refusal is a 401 whose WWW-Authenticate names the protected resource metadata.
import { describe, expect, it } from "vitest";
import { resolveMcpCaller } from "@/lib/mcp/resolve-mcp-caller";
import { resolveApiKeyById } from "@/lib/gateway/key-cache";
import { createTeamWithOwner } from "../factories";
import { createRawKey } from "../support/gateway-factories";

const request = (authorization?: string) =>
  new Request("http://localhost:3000/api/mcp", { method: "POST", headers: authorization ? { authorization } : {} });

describe("resolveMcpCaller", () => {
  it("accepts a team key and refuses a revoked one with invalid_token", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createRawKey(team.id);
    const ok = await resolveMcpCaller(request(`Bearer ${key}`), null);
    expect(ok).toMatchObject({ ok: true, caller: { teamId: team.id, via: "team_key", userId: null } });

    const { key: revoked } = await createRawKey(team.id, { revokedAt: new Date(Date.now() - 1000) });
    const refused = await resolveMcpCaller(request(`Bearer ${revoked}`), "weather");
    expect(refused).toMatchObject({ ok: false, failure: { status: 401, message: expect.stringMatching(/revoked/) } });
    if (!refused.ok) {
      expect(refused.failure.wwwAuthenticate).toMatch(
        /^Bearer resource_metadata="http:\/\/localhost:3000\/\.well-known\/oauth-protected-resource\/api\/mcp\/weather", error="invalid_token"/,
      );
    }
  });

  it("asks the OAuth verifier about access tokens, for the resource the request was sent to", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { keyRow } = await createRawKey(team.id);
    const key = (await resolveApiKeyById(keyRow.id))!;
    const asked: [string, string][] = [];
    const verifier = async (token: string, resource: string) => {
      asked.push([token, resource]);
      if (token !== "tgo_at_good") return null;
      return {
        grantId: "grant-1",
        clientId: "client-1",
        clientName: "Claude",
        userId: owner.id,
        teamId: team.id,
        teamSlug: team.slug,
        resource,
        apiSlug: "weather",
        scopes: [],
        key,
        spendCap: null,
        grantExpiresAt: null,
        tokenExpiresAt: new Date(Date.now() + 60_000),
      };
    };
    const ok = await resolveMcpCaller(request("Bearer tgo_at_good"), "weather", verifier);
    expect(ok).toMatchObject({ ok: true, caller: { via: "oauth", grantId: "grant-1", userId: owner.id, key: { id: keyRow.id } } });
    const refused = await resolveMcpCaller(request("Bearer tgo_at_bad"), null, verifier);
    expect(refused).toMatchObject({ ok: false, failure: { status: 401 } });
    expect(asked).toEqual([
      ["tgo_at_good", "http://localhost:3000/api/mcp/weather"],
      ["tgo_at_bad", "http://localhost:3000/api/mcp"],
    ]);

    const missing = await resolveMcpCaller(request(), null, verifier);
    expect(missing).toMatchObject({
      ok: false,
      failure: { wwwAuthenticate: 'Bearer resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/api/mcp"' },
    });
  });
});
