// Sign-in throttling. Every attempt is counted before its password is checked (lib/auth/throttle.ts),
// against two keys at once:
// - the email together with the client address: 5 per 15 minutes, so a guesser gets 5 tries at an
//   account, while the owner signing in from anywhere else is not locked out by them;
// - the client address alone: 30 per 15 minutes across all emails, against password spraying.
// A successful sign-in clears its email-and-address count and gives the address its attempt back;
// a password reset clears the email's counts from every address (the owner proved the mailbox).
import { db } from "@/lib/db";
import { takeAttempt, giveBackAttempt, clearAttempts, type ThrottleVerdict } from "@/lib/auth/throttle";

export const SIGN_IN_WINDOW_MINUTES = 15;
export const SIGN_IN_LIMITS = { account: 5, address: 30 } as const;

export type SignInKeys = { email: string; ip: string | null };

const addressPart = (ip: string | null) => ip ?? "unknown";
const accountKey = ({ email, ip }: SignInKeys) => `sign-in:${email.toLowerCase()}|${addressPart(ip)}`;
const addressKey = ({ ip }: SignInKeys) => `sign-in-address:${addressPart(ip)}`;

/** Counts one sign-in attempt and says whether its password may be checked. */
export function takeSignInAttempt(keys: SignInKeys): Promise<ThrottleVerdict> {
  const windowSeconds = SIGN_IN_WINDOW_MINUTES * 60;
  return takeAttempt([
    { key: accountKey(keys), limit: SIGN_IN_LIMITS.account, windowSeconds },
    { key: addressKey(keys), limit: SIGN_IN_LIMITS.address, windowSeconds },
  ]);
}

/** After the right password: this account's count from this address starts again. */
export async function signInSucceeded(keys: SignInKeys): Promise<void> {
  await clearAttempts(accountKey(keys));
  await giveBackAttempt(addressKey(keys));
}

/** Until when sign-in is refused for these keys (the later of the two windows over their limit), or null. */
export async function signInLockedUntil(keys: SignInKeys): Promise<Date | null> {
  const rows = await db.authThrottle.findMany({
    where: {
      OR: [
        { key: accountKey(keys), hits: { gt: SIGN_IN_LIMITS.account } },
        { key: addressKey(keys), hits: { gt: SIGN_IN_LIMITS.address } },
      ],
      resetAt: { gt: new Date() },
    },
    select: { resetAt: true },
  });
  return rows.length ? new Date(Math.max(...rows.map((row) => row.resetAt.getTime()))) : null;
}

/** After a password reset: the account's lockout ends, from every client address. */
export async function clearSignInLockout(email: string): Promise<void> {
  // An exact prefix comparison, not LIKE: `_` and `%` are legal in addresses.
  const prefix = `sign-in:${email.toLowerCase()}|`;
  await db.$executeRaw`DELETE FROM auth_throttles WHERE left(key, ${prefix.length}::int) = ${prefix}`;
}
