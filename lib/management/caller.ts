// Who is calling the management API: the platform admin (admin token) or one team through a key
// with the `manage` scope. Domain functions receive the matching audit Actor.
import type { Actor } from "@/lib/audit/actor";
import { forbidden } from "@/lib/errors";

export type Caller = { kind: "admin" } | { kind: "team"; teamId: string; keyId: string };

export function actorFor(caller: Caller): Actor {
  return caller.kind === "admin" ? { type: "ADMIN_TOKEN" } : { type: "API_KEY", keyId: caller.keyId, teamId: caller.teamId };
}

export const isAdmin = (caller: Caller): caller is { kind: "admin" } => caller.kind === "admin";

export function requireAdmin(caller: Caller): void {
  if (!isAdmin(caller)) throw forbidden("Only the platform admin token can do this.");
}
