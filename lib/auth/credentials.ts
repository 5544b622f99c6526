// Email + password verification behind the Auth.js credentials provider.
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { db } from "@/lib/db";
import { verifyPassword, dummyPasswordHash } from "@/lib/auth/password";
import { lockedUntil, recordFailedSignIn, clearFailedSignIns } from "@/lib/auth/sign-in-throttle";

/** Auth.js forwards `code` to the sign-in action, which turns it into a message. */
export class SignInRefused extends CredentialsSignin {
  constructor(code: "invalid" | "throttled" | "disabled") {
    super();
    this.code = code;
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

export async function authorizeCredentials(input: unknown, ip?: string) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new SignInRefused("invalid");
  const { email, password } = parsed.data;

  if (await lockedUntil({ email, ip })) throw new SignInRefused("throttled");

  const user = await db.user.findUnique({ where: { email } });
  // Verify against a dummy hash when there is no user, so timing does not reveal which emails exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) {
    await recordFailedSignIn({ email, ip });
    throw new SignInRefused("invalid");
  }
  if (user.disabledAt) throw new SignInRefused("disabled");
  await clearFailedSignIns(email);
  return { id: user.id, email: user.email, name: user.name };
}

export function clientIp(request: Request | undefined): string | undefined {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || undefined;
}
