// GET /oauth/authorize - OAuth's authorization endpoint for MCP clients: the consent page. A bad
// client or redirect URI is shown here and never redirected; other request errors go back to the
// client; a signed-out visitor signs in first and comes back to this exact URL.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/team-access";
import { currency } from "@/lib/money";
import { checkAuthorizationRequest } from "@/lib/oauth/authorization-request";
import { GRANT_EXPIRY_CHOICES } from "@/lib/oauth/consent";
import { ConsentForm } from "@/components/oauth/consent-form";
import { consentAction } from "./actions";

export const metadata: Metadata = { title: "Allow access" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuthorizePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) for (const one of [value ?? []].flat()) params.append(name, one);
  const check = await checkAuthorizationRequest(params);
  if (check.kind === "invalid") {
    return (
      <>
        <h1 className="mb-4 text-lg font-semibold">This sign-in request cannot be used</h1>
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {check.message}
        </p>
      </>
    );
  }
  if (check.kind === "redirect") redirect(check.url);
  const { request } = check;
  const user = await requireUser();
  const teams = await listTeamsForUser(user.id);
  const hidden: Record<string, string> = {
    response_type: "code",
    client_id: request.client.id,
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    code_challenge_method: "S256",
    resource: request.resource.url,
    scope: request.scope,
    ...(request.state !== null ? { state: request.state } : {}),
  };
  return (
    <ConsentForm
      action={consentAction}
      hidden={hidden}
      clientName={request.client.name}
      redirectHost={request.redirectHost}
      apiSlug={request.resource.apiSlug}
      userEmail={user.email}
      teams={teams.map((team) => ({ slug: team.slug, name: team.name }))}
      currency={currency()}
      expiryChoices={Object.entries(GRANT_EXPIRY_CHOICES).map(([value, label]) => ({ value, label }))}
    />
  );
}
