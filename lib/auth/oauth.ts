// GitHub and Google sign-in. Only an address the provider vouches for counts as verified: GitHub's
// primary email when GitHub marks it verified, Google's `email` when `email_verified` is true.
// Emails are stored in lowercase, as every lookup in the app compares them.
import type { Provider } from "next-auth/providers";
import GitHub, { type GitHubEmail, type GitHubProfile } from "next-auth/providers/github";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import { db } from "@/lib/db";
import { markEmailVerified } from "@/lib/auth/email-verification";

const GITHUB_API = "https://api.github.com";

/** GitHub's profile with the primary address and whether GitHub verified it (`email_verified`). */
export async function githubProfileWithPrimaryEmail(
  accessToken: string,
  apiBase = GITHUB_API,
): Promise<GitHubProfile & { email_verified: boolean }> {
  const headers = { Authorization: `Bearer ${accessToken}`, "User-Agent": "tollgate" };
  const profile = (await (await fetch(`${apiBase}/user`, { headers })).json()) as GitHubProfile;
  const response = await fetch(`${apiBase}/user/emails`, { headers });
  const primary = response.ok ? ((await response.json()) as GitHubEmail[]).find((entry) => entry.primary) : undefined;
  return { ...profile, email: primary?.email ?? profile.email, email_verified: primary?.verified === true };
}

export function oauthProvidersFromEnv(): Provider[] {
  const providers: Provider[] = [];
  if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        userinfo: {
          url: `${GITHUB_API}/user`,
          request: ({ tokens }: { tokens: { access_token?: string } }) => githubProfileWithPrimaryEmail(tokens.access_token ?? ""),
        },
        profile: (profile) => ({
          id: String(profile.id),
          name: profile.name ?? profile.login,
          email: profile.email?.toLowerCase() ?? null,
          image: profile.avatar_url,
        }),
      }),
    );
  }
  if (process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({
        profile: (profile: GoogleProfile) => ({
          id: profile.sub,
          name: profile.name,
          email: profile.email?.toLowerCase() ?? null,
          image: profile.picture,
        }),
      }),
    );
  }
  return providers;
}

/** The address an OAuth profile vouches for, lowercased, or null when the provider did not verify it. */
export function providerVerifiedEmail(profile: Record<string, unknown> | undefined): string | null {
  if (!profile || typeof profile.email !== "string" || !profile.email) return null;
  return profile.email_verified === true || profile.email_verified === "true" ? profile.email.toLowerCase() : null;
}

/** After an OAuth sign-in (Auth.js `signIn` event): a provider-verified address verifies the account. */
export async function recordOAuthSignIn(userId: string | undefined, profile: Record<string, unknown> | undefined): Promise<void> {
  const email = providerVerifiedEmail(profile);
  if (!userId || !email) return;
  await db.$transaction((tx) => markEmailVerified(userId, email, tx));
}
