// Removes a provider that no model is deployed on. A provider still serving models is refused
// (409, naming them): deleting it would silently take those models offline.
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { providerInclude, toProviderView, type ProviderView } from "@/lib/ai/registry/get-provider";

export async function deleteProvider(ref: string, actor: Actor, requestId?: string): Promise<ProviderView> {
  const view = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM ai_providers WHERE id = ${ref} OR slug = ${ref} FOR UPDATE`;
    if (!locked) throw notFound("This provider");
    const row = await tx.aiProvider.findUniqueOrThrow({ where: { id: locked.id }, include: providerInclude });
    const provider = toProviderView(row);
    if (provider.models.length > 0) {
      throw new AppError(
        "conflict",
        `The provider "${provider.slug}" serves ${provider.models.map((id) => `"${id}"`).join(", ")}: remove those deployments first.`,
      );
    }
    await tx.aiProvider.delete({ where: { id: provider.id } });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "ai_provider.deleted",
        targetType: "ai_provider",
        targetId: provider.id,
        requestId,
        metadata: { slug: provider.slug, name: provider.name, kind: provider.kind, baseUrl: provider.baseUrl },
      },
      tx,
    );
    return provider;
  });
  invalidate("ai-model", "*");
  return view;
}
