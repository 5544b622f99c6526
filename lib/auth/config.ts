// Auth.js v5: email + password for everyone, GitHub and Google when configured.
// JWT sessions (required for credentials with an adapter). The JWT names a server-side session row
// (lib/auth/sessions.ts) that the jwt callback reads with the user on every request, in one query:
// signing out, disabling the account or deleting it ends the session at once, also for a copy of
// the cookie.
import NextAuth, { CredentialsSignin } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { moduleLogger } from "@/lib/log/logger";
import { clientFromHeaders, clientFromRequest } from "@/lib/http/client-address";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { oauthProvidersFromEnv, recordOAuthSignIn } from "@/lib/auth/oauth";
import {
  endSession,
  findSessionUser,
  startSession,
  SESSION_MAX_AGE_SECONDS,
  type SessionClient,
  type SessionUser,
} from "@/lib/auth/sessions";
import { provisionNewUser } from "@/lib/teams/provision-new-user";

// Auth.js builds redirects, callback URLs and its server-action requests from AUTH_URL when set,
// and otherwise from the request's Host / X-Forwarded-Host: a value the client chooses, and
// 0.0.0.0 behind LISTEN_HOST=0.0.0.0. APP_URL is the public origin, so AUTH_URL always follows it
// (and with it the choice of `__Secure-` cookies for https).
process.env.AUTH_URL = `${appUrl()}/api/auth`;

const providers: Provider[] = [
  Credentials({
    credentials: { email: { type: "email" }, password: { type: "password" } },
    authorize: (credentials, request) => authorizeCredentials(credentials, clientFromRequest(request).ip),
  }),
  ...oauthProvidersFromEnv(),
];

export const oauthProviders = providers
  .map((provider) => (typeof provider === "function" ? provider() : provider))
  .filter((provider) => provider.type !== "credentials")
  .map((provider) => ({ id: provider.id, name: provider.name }));

/** The browser and address signing in, for the account's list of sessions. */
async function signInClient(): Promise<SessionClient> {
  // Outside a request (Auth.js's handlers called directly, as the tests do) there are no headers
  // to read; the session is then listed without a device, which is all this is for.
  const requestHeaders = await Promise.resolve()
    .then(() => headers())
    .catch(() => null);
  if (!requestHeaders) return {};
  return { userAgent: requestHeaders.get("user-agent"), ip: clientFromHeaders(requestHeaders).ip };
}

/** The session Auth.js hands to `auth()` callers: the live user row, read for this request. */
export type LiveSession = { user: SessionUser; expires: string; authAt: number };

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Safe: with AUTH_URL set above, no URL is built from the request's Host.
  trustHost: true,
  providers,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A refused sign-in is logged as one line by lib/auth/credentials.ts; everything else in full.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      moduleLogger("auth").error({ err: error }, "Auth.js error");
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      // Sign-in: open a server-side session. `authAt` keeps the moment of sign-in (`iat` is renewed).
      if (user?.id) Object.assign(token, { sub: user.id, sid: await startSession(user.id, await signInClient()), authAt: Date.now() });
      const live = await findSessionUser(token);
      if (!live) return null; // signed out, disabled or deleted: Auth.js drops the cookie where it can
      return Object.assign(token, { user: live });
    },
    session({ session, token }) {
      const live = token.user as SessionUser;
      return Object.assign(session, { user: { ...session.user, ...live }, authAt: typeof token.authAt === "number" ? token.authAt : 0 });
    },
  },
  events: {
    // OAuth sign-ups arrive through the adapter; give them the same start as email sign-ups.
    async createUser({ user }) {
      if (user.id) await provisionNewUser(user.id);
    },
    async signIn({ user, account, profile }) {
      if (account?.type === "oauth" || account?.type === "oidc")
        await recordOAuthSignIn(user.id, profile as Record<string, unknown> | undefined);
    },
    async signOut(message) {
      if ("token" in message) await endSession(message.token?.sid);
    },
  },
});
