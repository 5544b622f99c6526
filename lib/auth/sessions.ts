// Server-side sessions. The session cookie is a JWT that names a session row (`sid`, stored as its
// SHA-256 in `sessions`); every request reads that row joined with its user in one query, so
// signing out (the row deleted), disabling the account or deleting the user ends a session at once,
// even for a copy of the cookie. The rows are also the account's "active sessions": each has a
// public `id` for the settings page, and the browser and client address that signed in.
import { db } from "@/lib/db";
import { randomToken, sha256Hex } from "@/lib/crypto";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** A used session's expiry moves forward at most this often (one write per session per day). */
const RENEW_AFTER_MS = 24 * 60 * 60 * 1000;

/** The signed-in user as pages see it (CurrentUser), whether the address is verified, and which session this is. */
export type SessionUser = {
  id: string;
  name: string | null;
  email: string;
  isPlatformAdmin: boolean;
  emailVerified: boolean;
  /** public id of the session row this request came with */
  sessionId: string;
};
export type SessionClaims = { sub?: string; sid?: unknown; authAt?: unknown };
/** Where a sign-in came from, kept for the account's list of sessions. */
export type SessionClient = { userAgent?: string | null; ip?: string | null };

const expiry = () => new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);

/** Opens a session for a user who just signed in; returns the id the JWT carries. */
export async function startSession(userId: string, client: SessionClient = {}): Promise<string> {
  const sid = randomToken();
  await db.session.deleteMany({ where: { userId, expires: { lt: new Date() } } });
  await db.session.create({
    data: {
      sessionToken: sha256Hex(sid),
      userId,
      expires: expiry(),
      userAgent: client.userAgent?.slice(0, 300) || null,
      ipAddress: client.ip?.slice(0, 64) || null,
    },
  });
  return sid;
}

/** Signs one session out on the server. */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid === "string" && sid) await db.session.deleteMany({ where: { sessionToken: sha256Hex(sid) } });
}

/**
 * Ends the user's sessions, all of them or all but `exceptSessionId` (the one asking). Returns how
 * many ended. The next request of each ended session finds no row and is signed out.
 */
export async function endUserSessions(userId: string, options: { exceptSessionId?: string } = {}): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}) },
  });
  return count;
}

/** Ends one of the user's own sessions by its public id; false when it was not theirs or already gone. */
export async function endUserSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.session.deleteMany({ where: { userId, id: sessionId } });
  return count === 1;
}

export type ActiveSession = { id: string; userAgent: string | null; ipAddress: string | null; createdAt: Date; lastActiveAt: Date };

/** The user's sessions that still stand, newest first. `lastActiveAt` is exact to a day (the renewal). */
export async function listUserSessions(userId: string): Promise<ActiveSession[]> {
  const rows = await db.session.findMany({
    where: { userId, expires: { gt: new Date() } },
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, updatedAt: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(({ updatedAt, ...row }) => ({ ...row, lastActiveAt: updatedAt }));
}

type Row = {
  id: string;
  name: string | null;
  email: string;
  isPlatformAdmin: boolean;
  emailVerified: Date | null;
  sessionsValidAfter: Date | null;
  sessionId: string;
  expires: Date;
};

/** The user behind a session's claims, or null when the session or the account no longer stands. */
export async function findSessionUser(claims: SessionClaims): Promise<SessionUser | null> {
  if (!claims.sub || typeof claims.sid !== "string") return null;
  const sessionToken = sha256Hex(claims.sid);
  const [row] = await db.$queryRaw<Row[]>`
    SELECT u.id, u.name, u.email, u."isPlatformAdmin", u."emailVerified", u."sessionsValidAfter", s.id AS "sessionId", s.expires
    FROM sessions s JOIN users u ON u.id = s."userId"
    WHERE s."sessionToken" = ${sessionToken} AND s."userId" = ${claims.sub} AND s.expires > now() AND u."disabledAt" IS NULL`;
  if (!row) return null;
  // Sessions from before a disable stay dead after the account is enabled again.
  const authAt = typeof claims.authAt === "number" ? claims.authAt : 0;
  if (row.sessionsValidAfter && authAt < row.sessionsValidAfter.getTime()) return null;
  if (row.expires.getTime() < expiry().getTime() - RENEW_AFTER_MS) {
    await db.session.updateMany({ where: { sessionToken }, data: { expires: expiry() } });
  }
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isPlatformAdmin: row.isPlatformAdmin,
    emailVerified: row.emailVerified !== null,
    sessionId: row.sessionId,
  };
}
