// Teams created by the platform admin (management API): optionally with a chosen slug and an
// existing user as owner. Unlike createTeam, the team may start without members.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { teamNameSchema } from "@/lib/teams/create-team";
import { RESERVED_SLUGS, SLUG_PATTERN, uniqueTeamSlug } from "@/lib/teams/slugs";
import { isUniqueViolation } from "@/lib/db-errors";

export const adminCreateTeamSchema = z.object({
  name: teamNameSchema,
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(SLUG_PATTERN, "Use 1-40 lowercase letters, digits and dashes, not starting or ending with a dash.")
    .refine((slug) => !RESERVED_SLUGS.has(slug), "This slug is reserved for the app's own pages.")
    .optional(),
  ownerEmail: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).optional(),
});

type AdminCreateTeam = z.output<typeof adminCreateTeamSchema>;

async function findOwner(email: string | undefined) {
  if (!email) return null;
  const user = await db.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } }, select: { id: true } });
  if (!user) {
    throw new AppError(
      "validation_failed",
      `No account uses ${email}. The owner must sign up first, or create the team without an owner and invite them.`,
      {
        ownerEmail: "No account uses this email.",
      },
    );
  }
  return user;
}

export async function adminCreateTeam(input: AdminCreateTeam, actor: Actor, requestId?: string) {
  const owner = await findOwner(input.ownerEmail);
  try {
    return await db.$transaction(async (tx) => {
      const team = await tx.team.create({
        data: {
          name: input.name,
          slug: input.slug ?? (await uniqueTeamSlug(tx, input.name)),
          ...(owner ? { memberships: { create: { userId: owner.id, role: "OWNER" } } } : {}),
        },
      });
      const metadata = { slug: team.slug, ownerEmail: input.ownerEmail ?? null };
      await recordAudit(
        { ...auditActor(actor), teamId: team.id, action: "team.created", targetType: "team", targetId: team.id, requestId, metadata },
        tx,
      );
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A team with the slug "${input.slug}" already exists.`, { slug: "This slug is taken." });
    }
    throw error;
  }
}
