// Providers as the admin sees them: every setting except the write-only ones, which are only "set"
// or "not set", and the models deployed on each. The encrypted columns never leave this module.
import { db, type AiProviderKind, type Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";

export type ProviderView = {
  id: string;
  slug: string;
  name: string;
  kind: AiProviderKind;
  baseUrl: string;
  hasApiKey: boolean;
  hasExtraHeaders: boolean;
  connectTimeoutMs: number;
  timeoutMs: number;
  /** public ids of the models with a deployment on this provider */
  models: string[];
  createdAt: Date;
  updatedAt: Date;
};

export const providerInclude = {
  deployments: { select: { model: { select: { publicId: true } } } },
} satisfies Prisma.AiProviderInclude;

type ProviderRow = Prisma.AiProviderGetPayload<{ include: typeof providerInclude }>;

export function toProviderView(row: ProviderRow): ProviderView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    hasApiKey: row.apiKeyEncrypted !== null,
    hasExtraHeaders: row.extraHeadersEncrypted !== null,
    connectTimeoutMs: row.connectTimeoutMs,
    timeoutMs: row.timeoutMs,
    models: [...new Set(row.deployments.map((deployment) => deployment.model.publicId))].sort(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** `ref` is a provider's id or its slug, as management API paths and deployment inputs give it. */
export const providerWhere = (ref: string): Prisma.AiProviderWhereInput => ({ OR: [{ id: ref }, { slug: ref }] });

export async function listProviders(): Promise<ProviderView[]> {
  const rows = await db.aiProvider.findMany({ include: providerInclude, orderBy: [{ name: "asc" }, { slug: "asc" }] });
  return rows.map(toProviderView);
}

export async function getProvider(ref: string): Promise<ProviderView> {
  const row = await db.aiProvider.findFirst({ where: providerWhere(ref), include: providerInclude });
  if (!row) throw notFound("This provider");
  return toProviderView(row);
}
