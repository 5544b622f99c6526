// The account settings page's read model and the small profile changes: name, sign-in methods.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const nameSchema = z.object({ name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters.") });

export async function renameUser(userId: string, name: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name } });
}

export type SignInMethods = { hasPassword: boolean; linked: { provider: string; since: Date }[] };

/** How the account can sign in: a password, and the GitHub/Google identities linked to it. */
export async function signInMethods(userId: string): Promise<SignInMethods> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, accounts: { select: { provider: true, createdAt: true }, orderBy: { createdAt: "asc" } } },
  });
  return {
    hasPassword: user.passwordHash !== null,
    linked: user.accounts.map((account) => ({ provider: account.provider, since: account.createdAt })),
  };
}

/** Unlinks a provider, unless it is the account's last way in. */
export async function unlinkProvider(userId: string, provider: string): Promise<void> {
  const methods = await signInMethods(userId);
  if (!methods.linked.some((linked) => linked.provider === provider)) throw new AppError("not_found", "This sign-in method is not linked.");
  if (!methods.hasPassword && methods.linked.length === 1)
    throw new AppError("conflict", "This is the only way to sign in to your account. Set a password first (we can email you a link).");
  await db.account.deleteMany({ where: { userId, provider } });
}
