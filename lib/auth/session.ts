// Who is signed in, read once per request. Auth.js's jwt callback (lib/auth/config.ts) has
// already read the session row and its user for this request, so a signed-out, disabled or deleted
// account gets null here at once, and its older sessions never come back.
import { cache } from "react";
import { headers } from "next/headers";
import { redirect, notFound } from "next/navigation";
import { auth, type LiveSession } from "@/lib/auth/config";
import type { SessionUser } from "@/lib/auth/sessions";

export type CurrentUser = { id: string; name: string | null; email: string; isPlatformAdmin: boolean };

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as LiveSession | null;
  return session?.user?.id ? session.user : null;
});

/**
 * For pages: the signed-in user, or a redirect to sign-in that comes back to the requested page
 * (proxy.ts passes its path), else to `fallback`.
 */
export async function requireUser(fallback?: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    const returnTo = (await headers()).get("x-tollgate-path") ?? fallback;
    redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  }
  return user;
}

/** For admin pages: non-admins see the same 404 as for a page that does not exist. */
export async function requirePlatformAdmin(): Promise<CurrentUser> {
  const user = await requireUser("/admin");
  if (!user.isPlatformAdmin) notFound();
  return user;
}
