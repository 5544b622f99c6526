// Server-side sessions. The session cookie is a JWT that names a session row (`sid`, stored as its
// SHA-256 in `sessions`); every request reads that row joined with its user in one query, so
// signing out (the row deleted), disabling the account or deleting the user ends a session at once,
// even for a copy of the cookie. Rows also give "active sessions" a place to live.
import { db } from "@/lib/db";
import { randomToken, sha256Hex } from "@/lib/crypto";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** A used session's expiry moves forward at most this often (one write per session per day). */
const RENEW_AFTER_MS = 24 * 60 * 60 * 1000;

/** The signed-in user as pages see it (CurrentUser) plus whether the address is verified. */
export type SessionUser = { id: string; name: string | null; email: string; isPlatformAdmin: boolean; emailVerified: boolean };
export type SessionClaims = { sub?: string; sid?: unknown; authAt?: unknown };

const expiry = () => new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);

/** Opens a session for a user who just signed in; returns the id the JWT carries. */
export async function startSession(userId: string): Promise<string> {
  const sid = randomToken();
  await db.session.deleteMany({ where: { userId, expires: { lt: new Date() } } });
  await db.session.create({ data: { sessionToken: sha256Hex(sid), userId, expires: expiry() } });
  return sid;
}

/** Signs one session out on the server. */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid === "string" && sid) await db.session.deleteMany({ where: { sessionToken: sha256Hex(sid) } });
}

type Row = {
  id: string;
  name: string | null;
  email: string;
  isPlatformAdmin: boolean;
  emailVerified: Date | null;
  sessionsValidAfter: Date | null;
  expires: Date;
};

/** The user behind a session's claims, or null when the session or the account no longer stands. */
export async function findSessionUser(claims: SessionClaims): Promise<SessionUser | null> {
  if (!claims.sub || typeof claims.sid !== "string") return null;
  const sessionToken = sha256Hex(claims.sid);
  const [row] = await db.$queryRaw<Row[]>`
    SELECT u.id, u.name, u.email, u."isPlatformAdmin", u."emailVerified", u."sessionsValidAfter", s.expires
    FROM sessions s JOIN users u ON u.id = s."userId"
    WHERE s."sessionToken" = ${sessionToken} AND s."userId" = ${claims.sub} AND s.expires > now() AND u."disabledAt" IS NULL`;
  if (!row) return null;
  // Sessions from before a disable stay dead after the account is enabled again.
  const authAt = typeof claims.authAt === "number" ? claims.authAt : 0;
  if (row.sessionsValidAfter && authAt < row.sessionsValidAfter.getTime()) return null;
  if (row.expires.getTime() < expiry().getTime() - RENEW_AFTER_MS) {
    await db.session.updateMany({ where: { sessionToken }, data: { expires: expiry() } });
  }
  return { id: row.id, name: row.name, email: row.email, isPlatformAdmin: row.isPlatformAdmin, emailVerified: row.emailVerified !== null };
}
