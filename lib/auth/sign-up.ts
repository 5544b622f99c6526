// Self-service sign-up with email and password.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, passwordWeakness, PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { provisionNewUser } from "@/lib/teams/provision-new-user";
import { isUniqueViolation } from "@/lib/db-errors";

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254)),
    password: z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  })
  .superRefine((value, ctx) => {
    const weakness = passwordWeakness(value.password, value.email);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

type SignUpInput = z.infer<typeof signUpSchema>;

export async function signUpWithPassword(input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name: input.name, email: input.email, passwordHash } });
      await provisionNewUser(user.id, tx);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "An account with this email already exists.", {
        email: "An account with this email already exists. Sign in instead.",
      });
    }
    throw error;
  }
}
