// The one lookup of a key by id: always inside its team, so another team's key id is "not found".
// An MCP grant's hidden key (kind MCP_GRANT) is not found either: it is managed as its grant (lib/oauth).
import { db, type ApiKey, type Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";

export async function findTeamApiKey(teamId: string, keyId: string, tx: Prisma.TransactionClient = db): Promise<ApiKey> {
  const row = await tx.apiKey.findFirst({ where: { id: keyId, teamId, kind: "STANDARD" } });
  if (!row) throw notFound("API key");
  return row;
}
