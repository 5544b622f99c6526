// Who is signed in, read once per request. The JWT only names the user; the row is re-read so a
// disabled or deleted account loses access at once, and its older sessions never come back.
import { cache } from "react";
import { headers } from "next/headers";
import { redirect, notFound } from "next/navigation";
import { auth } from "@/lib/auth/config";
import { db } from "@/lib/db";

export type CurrentUser = { id: string; name: string | null; email: string; isPlatformAdmin: boolean };

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, name: true, email: true, isPlatformAdmin: true, disabledAt: true, sessionsValidAfter: true } });
  if (!user || user.disabledAt) return null;
  // Sessions from before a disable stay dead after the account is enabled again.
  const authAt = (session as { authAt?: number }).authAt ?? 0;
  if (user.sessionsValidAfter && authAt < user.sessionsValidAfter.getTime()) return null;
  return { id: user.id, name: user.name, email: user.email, isPlatformAdmin: user.isPlatformAdmin };
});

/**
 * For pages: the signed-in user, or a redirect to sign-in that comes back to the requested page
 * (proxy.ts passes its path), else to `fallback`.
 */
export async function requireUser(fallback?: string): Promise<CurrentUser> {
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
