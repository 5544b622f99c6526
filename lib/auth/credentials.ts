// Email + password verification behind the Auth.js credentials provider.
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyPassword, dummyPasswordHash } from "@/lib/auth/password";
import { takeSignInAttempt, signInSucceeded } from "@/lib/auth/sign-in-throttle";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("auth");

type RefusalCode = "invalid" | "throttled" | "disabled";

/** Auth.js forwards `code` to the sign-in action, which turns it into a message. */
export class SignInRefused extends CredentialsSignin {
  constructor(code: RefusalCode) {
    super();
    this.code = code;
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

/** One log line per refused sign-in (Auth.js's own stack trace for it is silenced in config.ts). */
function refuse(code: RefusalCode, email: string | null, ip: string | null): never {
  log.warn({ code, email: email ?? null, ip: ip ?? null }, "sign-in refused");
  throw new SignInRefused(code);
}

/**
 * Checks an email and password. The attempt is counted and checked against the throttle in one
 * statement before the password is looked at, so parallel guesses cannot slip past the limit.
 */
export async function authorizeCredentials(input: unknown, ip: string | null = null) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return refuse("invalid", null, ip);
  const { email, password } = parsed.data;

  if (!(await takeSignInAttempt({ email, ip })).allowed) return refuse("throttled", email, ip);

  const user = await db.user.findUnique({ where: { email } });
  // Verify against a dummy hash when there is no user, so timing does not reveal which emails exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) return refuse("invalid", email, ip);
  await signInSucceeded({ email, ip });
  if (user.disabledAt) return refuse("disabled", email, ip);
  return { id: user.id, email: user.email, name: user.name };
}
