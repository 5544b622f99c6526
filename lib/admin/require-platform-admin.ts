// The platform-admin check for domain functions, next to the session guard the pages and actions
// use (lib/auth/session.ts). The user row is re-read here, where credit is touched, so a caller
// cannot pass a stale or forged "is admin" flag, and a disabled admin loses access at once.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

export async function requirePlatformAdminUser(userId: string): Promise<{ id: string }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, isPlatformAdmin: true, disabledAt: true } });
  // The same "not found" a non-admin gets for the admin pages: the console is not advertised.
  if (!user || !user.isPlatformAdmin || user.disabledAt) throw notFound();
  return { id: user.id };
}
