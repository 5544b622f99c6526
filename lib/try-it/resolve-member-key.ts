// The key a signed-in member picked on a portal page (the try-it console, the AI playground). The
// membership is checked in the database on every call, so a removed member loses access at once;
// another team's key id is "not found", and a revoked or expired key is refused before anything is sent.
import { apiKeyStatus } from "@/lib/keys/public-api-key";
import { findTeamApiKey } from "@/lib/keys/find-team-api-key";
import { requireTeamRole } from "@/lib/teams/team-access";
import { resolveApiKeyById, type ResolvedKey } from "@/lib/gateway/key-cache";
import { invalid } from "@/lib/validation";

export async function resolveMemberKey(userId: string, teamSlug: string, keyId: string): Promise<ResolvedKey> {
  const { team } = await requireTeamRole(userId, teamSlug);
  const row = await findTeamApiKey(team.id, keyId);
  const status = apiKeyStatus(row);
  if (status === "revoked" || status === "expired" || status === "rotated") {
    throw invalid({ keyId: `The key “${row.name}” is ${status}. Pick an active key or create one on the Keys page.` });
  }
  const key = await resolveApiKeyById(row.id);
  if (!key) throw invalid({ keyId: "That key no longer exists." });
  return key;
}
