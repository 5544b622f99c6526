// Team roles, ordered: an owner can do everything an admin can, an admin everything a member can.
import { TeamRole } from "@/lib/db";

const RANK: Record<TeamRole, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };

export function hasRole(actual: TeamRole, required: TeamRole): boolean {
  return RANK[actual] >= RANK[required];
}

export const ROLE_LABEL: Record<TeamRole, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member" };
export const ROLES: TeamRole[] = ["OWNER", "ADMIN", "MEMBER"];
