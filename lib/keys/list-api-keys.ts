// A team's keys for the portal and the management API: newest first, revoked ones at the end.
import { db } from "@/lib/db";
import { toPublicApiKey, type PublicApiKey } from "@/lib/keys/public-api-key";

export async function listApiKeys(teamId: string): Promise<PublicApiKey[]> {
  const rows = await db.apiKey.findMany({ where: { teamId, kind: "STANDARD" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const now = new Date();
  const keys = rows.map((row) => toPublicApiKey(row, now));
  // Array.prototype.sort is stable: within each group the newest-first order stays.
  return keys.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}
