// Who is acting: a signed-in user, the platform admin token, a team key with the `manage` scope,
// or the system itself. Domain functions take an Actor so every change lands in the audit log with
// the right author, whichever door it came through (portal, management API, background job).
import type { AuditEntry } from "@/lib/audit/record-audit";

export type Actor =
  { type: "USER"; userId: string } | { type: "ADMIN_TOKEN" } | { type: "API_KEY"; keyId: string; teamId: string } | { type: "SYSTEM" };

export function auditActor(actor: Actor): Pick<AuditEntry, "actorType" | "actorUserId" | "actorKeyId"> {
  switch (actor.type) {
    case "USER":
      return { actorType: "USER", actorUserId: actor.userId };
    case "API_KEY":
      return { actorType: "API_KEY", actorKeyId: actor.keyId };
    case "ADMIN_TOKEN":
      return { actorType: "ADMIN_TOKEN" };
    case "SYSTEM":
      return { actorType: "SYSTEM" };
  }
}

/** The user id behind an actor, when there is one (for `createdById`, `actorUserId` columns). */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "USER" ? actor.userId : null;
}
