// Who may do what with a team's keys. Members create keys without the management scope and revoke
// or rotate the keys they created; admins and owners do everything. A team key acting through the
// management API reaches its own team only (the route guard already checked its manage scope); the
// platform admin token and the system reach every team. Non-members get "not found", as everywhere.
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/audit/actor";
import { hasRole } from "@/lib/teams/roles";
import { requireVerifiedEmailFor } from "@/lib/auth/verified-email-gate";

type KeyNeed = "create" | "create_manage" | "manage_any";

/** `all`: every key operation on the team; otherwise a plain member, known by user id. */
type KeyAccess = { all: true } | { all: false; userId: string };

export async function keyAccessFor(actor: Actor, teamId: string): Promise<KeyAccess> {
  switch (actor.type) {
    case "USER": {
      const membership = await db.membership.findUnique({
        where: { teamId_userId: { teamId, userId: actor.userId } },
        select: { role: true },
      });
      if (!membership) throw notFound("This team");
      return hasRole(membership.role, "ADMIN") ? { all: true } : { all: false, userId: actor.userId };
    }
    case "API_KEY":
      if (actor.teamId !== teamId) throw notFound("This team");
      return { all: true };
    case "ADMIN_TOKEN":
    case "SYSTEM":
      return { all: true };
  }
}

export function checkKeyAccess(access: KeyAccess, need: KeyNeed, keyCreatedById?: string | null): void {
  if (access.all || need === "create") return;
  if (need === "create_manage") throw forbidden("Only team owners and admins can create keys with management API access.");
  if (keyCreatedById && keyCreatedById === access.userId) return;
  throw forbidden("Members can revoke and rotate only the keys they created. Ask a team admin.");
}

export async function assertCanManageKeys(actor: Actor, teamId: string, need: KeyNeed, keyCreatedById?: string | null): Promise<void> {
  checkKeyAccess(await keyAccessFor(actor, teamId), need, keyCreatedById);
  // REQUIRE_VERIFIED_EMAIL: after the membership check, so a non-member still learns nothing.
  if (need !== "manage_any") await requireVerifiedEmailFor(actor, "create API keys");
}
