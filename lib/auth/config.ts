// Auth.js v5: email + password for everyone, GitHub and Google when configured.
// JWT sessions (required for credentials with an adapter); every request re-reads the user from
// the database in lib/auth/session.ts, so disabling a user takes effect at once.
import NextAuth from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/db";
import { authorizeCredentials, clientIp } from "@/lib/auth/credentials";
import { provisionNewUser } from "@/lib/teams/provision-new-user";

const providers: Provider[] = [
  Credentials({
    credentials: { email: { type: "email" }, password: { type: "password" } },
    authorize: (credentials, request) => authorizeCredentials(credentials, clientIp(request)),
  }),
];
if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) providers.push(GitHub);
if (process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET) providers.push(Google);

export const oauthProviders = providers
  .map((provider) => (typeof provider === "function" ? provider() : provider))
  .filter((provider) => provider.type !== "credentials")
  .map((provider) => ({ id: provider.id, name: provider.name }));

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  providers,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  callbacks: {
    jwt({ token, user }) {
      // `iat` is renewed whenever the token is refreshed; `authAt` keeps the moment of sign-in.
      if (user?.id) Object.assign(token, { sub: user.id, authAt: Date.now() });
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return Object.assign(session, { authAt: typeof token.authAt === "number" ? token.authAt : 0 });
    },
  },
  events: {
    // OAuth sign-ups arrive through the adapter; give them the same start as email sign-ups.
    async createUser({ user }) {
      if (user.id) await provisionNewUser(user.id);
    },
  },
});
