// Team slugs appear at the root of portal URLs (/acme/keys), so they must not shadow app routes.
import crypto from "node:crypto";
import type { Prisma } from "@/lib/db";

export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "catalog",
  "docs",
  "errors",
  "invite",
  "sign-in",
  "sign-up",
  "sign-out",
  "teams",
  "new",
  "settings",
  "account",
  "billing",
  "login",
  "logout",
  "register",
  "static",
  "_next",
  "public",
  "health",
  "metrics",
  "about",
  "pricing",
  "support",
  "help",
  "status",
  "www",
  "app",
  "dashboard",
  "favicon.ico",
  "robots.txt",
]);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  return slug || "team";
}

/** A free slug for `name`: the slug itself, or the slug with a short random suffix. */
export async function uniqueTeamSlug(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = slugify(name);
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = attempt === 0 && !RESERVED_SLUGS.has(base) ? base : `${base}-${crypto.randomBytes(3).toString("hex")}`;
    const taken = await tx.team.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken) return candidate;
  }
  throw new Error("could not find a free team slug");
}
