// A Prompt API's versions, newest first, each with how many calls it served (from usage events),
// for the admin page and the management API.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { definitionOf, VERSION_INCLUDE } from "@/lib/prompt-apis/stored-definition";

export type PromptVersionView = {
  version: number;
  live: boolean;
  createdAt: Date;
  createdBy: string | null;
  calls: number;
  definition: PromptDefinition;
};

export async function listPromptVersions(slug: string): Promise<{ apiId: string; live: number | null; versions: PromptVersionView[] }> {
  const api = await db.api.findUnique({ where: { slug }, select: { id: true, kind: true, promptVersion: true } });
  if (!api || api.kind !== "PROMPT") throw notFound("This Prompt API");
  const [rows, counts] = await Promise.all([
    db.promptApiVersion.findMany({ where: { apiId: api.id }, include: VERSION_INCLUDE, orderBy: { version: "desc" } }),
    db.usageEvent.groupBy({ by: ["promptVersion"], where: { apiId: api.id, promptVersion: { not: null } }, _count: { _all: true } }),
  ]);
  const users = await db.user.findMany({
    where: { id: { in: rows.flatMap((row) => (row.createdById ? [row.createdById] : [])) } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  const callsOf = new Map(counts.map((count) => [count.promptVersion, count._count._all]));
  return {
    apiId: api.id,
    live: api.promptVersion,
    versions: rows.map((row) => ({
      version: row.version,
      live: row.version === api.promptVersion,
      createdAt: row.createdAt,
      createdBy: row.createdById ? (emailOf.get(row.createdById) ?? null) : null,
      calls: callsOf.get(row.version) ?? 0,
      definition: definitionOf(row),
    })),
  };
}
