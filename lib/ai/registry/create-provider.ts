// Registers an AI provider. The base URL is checked against the outbound address policy first; the
// key and extra headers are stored encrypted and the audit entry says only whether they were set.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { isUniqueViolation } from "@/lib/db-errors";
import { slugify } from "@/lib/teams/slugs";
import { invalid } from "@/lib/validation";
import { baseUrlErrors } from "@/lib/ai/registry/check-base-url";
import { providerInclude, toProviderView, type ProviderView } from "@/lib/ai/registry/get-provider";
import type { CreateProvider } from "@/lib/ai/registry/provider-schemas";
import { sealApiKey, sealExtraHeaders } from "@/lib/ai/registry/provider-secrets";

export async function createProvider(input: CreateProvider, actor: Actor, requestId?: string): Promise<ProviderView> {
  const errors = await baseUrlErrors(input.baseUrl);
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const slug = input.slug ?? slugify(input.name);
  const apiKeyEncrypted = sealApiKey(input.apiKey);
  const extraHeadersEncrypted = sealExtraHeaders(input.extraHeaders);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.aiProvider.create({
        data: {
          slug,
          name: input.name,
          kind: input.kind,
          baseUrl: input.baseUrl,
          apiKeyEncrypted,
          extraHeadersEncrypted,
          connectTimeoutMs: input.connectTimeoutMs,
          timeoutMs: input.timeoutMs,
        },
        include: providerInclude,
      });
      const metadata = {
        slug,
        name: created.name,
        kind: created.kind,
        baseUrl: created.baseUrl,
        apiKey: apiKeyEncrypted ? "set" : "not set",
        extraHeaders: extraHeadersEncrypted ? "set" : "not set",
        connectTimeoutMs: created.connectTimeoutMs,
        timeoutMs: created.timeoutMs,
      };
      await recordAudit(
        { ...auditActor(actor), action: "ai_provider.created", targetType: "ai_provider", targetId: created.id, requestId, metadata },
        tx,
      );
      return created;
    });
    return toProviderView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A provider with the slug "${slug}" already exists.`, { slug: "This slug is taken; choose another." });
    }
    throw error;
  }
}
