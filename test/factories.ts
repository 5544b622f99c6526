// Test data with unique emails and names, so files sharing a worker database never collide and no
// test depends on a seeded user.
import crypto from "node:crypto";
import { db, type TeamRole } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { createTeam } from "@/lib/teams/create-team";
import { requireTeamRole } from "@/lib/teams/team-access";

const suffix = () => crypto.randomBytes(5).toString("hex");

export const uniqueEmail = (label = "user") => `${label}-${suffix()}@example.test`;
export const uniqueName = (label = "Team") => `${label} ${suffix()}`;
/** A random client address, so throttles keyed by address never meet between tests. */
export const randomIp = () => `10.${[...crypto.randomBytes(3)].join(".")}`;

/** A password that passes the policy. */
export const GOOD_PASSWORD = "correct horse battery staple";

export async function createUser(options: { email?: string; name?: string; password?: string; disabled?: boolean } = {}) {
  const email = options.email ?? uniqueEmail();
  return db.user.create({
    data: {
      email,
      name: options.name ?? email.split("@")[0],
      // scrypt is deliberately slow: hash only when a test signs in with the password.
      passwordHash: options.password ? await hashPassword(options.password) : null,
      disabledAt: options.disabled ? new Date() : null,
    },
  });
}

/** A shared (non-personal) team created through the domain function, with its owner. */
export async function createTeamWithOwner(name = uniqueName()) {
  const owner = await createUser();
  const team = await createTeam(owner.id, name);
  return { team, owner, ownerCtx: await requireTeamRole(owner.id, team.slug) };
}

export async function addMember(teamId: string, role: TeamRole, email?: string) {
  const user = await createUser({ email });
  const membership = await db.membership.create({ data: { teamId, userId: user.id, role } });
  return { user, membership };
}

/** The context a server action would build for `userId` on the team. */
export const contextFor = (userId: string, team: { slug: string }) => requireTeamRole(userId, team.slug);

/** Audit rows for one target, oldest first. */
export const auditFor = (targetId: string) => db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });
