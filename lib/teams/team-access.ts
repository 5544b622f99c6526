// Membership and role checks for everything team-scoped. Non-members get "not found" (404), so a
// team's existence is not revealed; members without the role get "forbidden" (403).
import { cache } from "react";
import { db, type TeamRole } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { hasRole, ROLE_LABEL } from "@/lib/teams/roles";

export type TeamContext = {
  team: { id: string; slug: string; name: string; personal: boolean };
  role: TeamRole;
  userId: string;
};

const findMembership = cache(async (userId: string, teamSlug: string) =>
  db.membership.findFirst({
    where: { userId, team: { slug: teamSlug } },
    select: { role: true, team: { select: { id: true, slug: true, name: true, personal: true } } },
  }),
);

export async function requireTeamRole(userId: string, teamSlug: string, required: TeamRole = "MEMBER"): Promise<TeamContext> {
  const membership = await findMembership(userId, teamSlug);
  if (!membership) throw notFound("This team");
  if (!hasRole(membership.role, required)) {
    throw new AppError(
      "forbidden",
      `Only team ${ROLE_LABEL[required].toLowerCase()}s${required === "OWNER" ? "" : " and owners"} can do this.`,
    );
  }
  return { team: membership.team, role: membership.role, userId };
}

export async function listTeamsForUser(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, team: { select: { id: true, slug: true, name: true, personal: true } } },
    orderBy: [{ team: { personal: "desc" } }, { team: { name: "asc" } }],
  });
  return memberships.map(({ role, team }) => ({ ...team, role }));
}
