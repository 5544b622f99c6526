// Rolling a Prompt API back: the gateway serves an earlier version again (no version is changed or
// removed, so rolling forward is the same operation), the generated document follows, and the audit
// log says from which version to which.
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { invalid } from "@/lib/validation";
import { definitionOf, VERSION_INCLUDE } from "@/lib/prompt-apis/stored-definition";
import { storedPromptDocument } from "@/lib/prompt-apis/prompt-document";

export async function rollbackPromptApi(
  slug: string,
  version: number,
  actor: Actor,
  requestId?: string,
): Promise<{ from: number | null; to: number }> {
  const result = await db.$transaction(async (tx) => {
    const api = await tx.api.findUnique({ where: { slug } });
    if (!api || api.kind !== "PROMPT") throw notFound("This Prompt API");
    const row = await tx.promptApiVersion.findUnique({ where: { apiId_version: { apiId: api.id, version } }, include: VERSION_INCLUDE });
    if (!row) throw invalid({ version: `There is no version ${version} of this API.` });
    if (api.promptVersion === version) throw new AppError("conflict", `Version ${version} is already live.`, { version: "Already live." });
    await tx.api.update({ where: { id: api.id }, data: { promptVersion: version, openapi: storedPromptDocument(api, definitionOf(row)) } });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "api.prompt_rolled_back",
        targetType: "api",
        targetId: api.id,
        requestId,
        metadata: { slug, from: api.promptVersion, to: version },
      },
      tx,
    );
    return { from: api.promptVersion, to: version };
  });
  invalidate("api", slug);
  return result;
}
