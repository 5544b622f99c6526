// Changes a provider. Only what differs is written; a new key or header set always counts as a
// change (the stored ones are never decrypted to compare) and is audited as set, replaced or
// cleared. Every model deployed on the provider is dropped from the gateway's cache.
import { db, type Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { invalid } from "@/lib/validation";
import { baseUrlErrors } from "@/lib/ai/registry/check-base-url";
import { providerInclude, providerWhere, toProviderView, type ProviderView } from "@/lib/ai/registry/get-provider";
import type { UpdateProvider } from "@/lib/ai/registry/provider-schemas";
import { sealApiKey, sealExtraHeaders, secretChange } from "@/lib/ai/registry/provider-secrets";

const PLAIN_FIELDS = ["name", "kind", "baseUrl", "connectTimeoutMs", "timeoutMs"] as const;

export async function updateProvider(ref: string, input: UpdateProvider, actor: Actor, requestId?: string): Promise<ProviderView> {
  const current = await db.aiProvider.findFirst({ where: providerWhere(ref) });
  if (!current) throw notFound("This provider");
  // An unchanged base URL is not resolved again (the guarded lookup checks it at every connect).
  const errors = await baseUrlErrors(input.baseUrl === current.baseUrl ? undefined : input.baseUrl);
  if (Object.keys(errors).length > 0) throw invalid(errors);

  const data: Prisma.AiProviderUpdateInput = {};
  const changed: Record<string, unknown> = {};
  for (const field of PLAIN_FIELDS) {
    const value = input[field];
    if (value === undefined || value === current[field]) continue;
    Object.assign(data, { [field]: value });
    changed[field] = { from: current[field], to: value };
  }
  if (input.apiKey !== undefined) {
    const sealed = sealApiKey(input.apiKey);
    const change = secretChange(current.apiKeyEncrypted, sealed);
    if (change) [data.apiKeyEncrypted, changed.apiKey] = [sealed, change];
  }
  if (input.extraHeaders !== undefined) {
    const sealed = sealExtraHeaders(input.extraHeaders);
    const change = secretChange(current.extraHeadersEncrypted, sealed);
    if (change) [data.extraHeadersEncrypted, changed.extraHeaders] = [sealed, change];
  }
  if (Object.keys(changed).length === 0)
    return toProviderView(await db.aiProvider.findUniqueOrThrow({ where: { id: current.id }, include: providerInclude }));

  const row = await db.$transaction(async (tx) => {
    const updated = await tx.aiProvider.update({ where: { id: current.id }, data, include: providerInclude });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "ai_provider.updated",
        targetType: "ai_provider",
        targetId: current.id,
        requestId,
        metadata: { slug: current.slug, changed } as Prisma.InputJsonValue,
      },
      tx,
    );
    return updated;
  });
  invalidate("ai-model", "*"); // cached models carry their providers' settings and decrypted key
  return toProviderView(row);
}
