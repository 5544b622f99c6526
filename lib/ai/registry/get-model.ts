// Models as the admin sees them: limits, capabilities, prices (micro-units per 1M tokens), their
// deployments with the provider of each, and the AI APIs that publish them.
import { db, type AiModel, type AiProviderKind, type ApiStatus, type Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";

export type DeploymentView = {
  id: string;
  providerModel: string;
  weight: number;
  priority: number;
  enabled: boolean;
  provider: { id: string; slug: string; name: string; kind: AiProviderKind };
};

/** The model row (prices in micro-units per 1M tokens) with its deployments and publishing APIs. */
export type ModelView = AiModel & {
  deployments: DeploymentView[];
  apis: { slug: string; name: string; status: ApiStatus }[];
};

export const modelInclude = {
  deployments: {
    include: { provider: { select: { id: true, slug: true, name: true, kind: true } } },
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
  },
  apis: { include: { api: { select: { slug: true, name: true, status: true } } } },
} satisfies Prisma.AiModelInclude;

type ModelRow = Prisma.AiModelGetPayload<{ include: typeof modelInclude }>;

export function toModelView(row: ModelRow): ModelView {
  const { deployments, apis, ...model } = row;
  return {
    ...model,
    deployments: deployments.map(({ id, providerModel, weight, priority, enabled, provider }) => ({
      id,
      providerModel,
      weight,
      priority,
      enabled,
      provider,
    })),
    apis: apis.map(({ api }) => api).sort((a, b) => a.slug.localeCompare(b.slug)),
  };
}

export async function listModels(): Promise<ModelView[]> {
  const rows = await db.aiModel.findMany({ include: modelInclude, orderBy: { publicId: "asc" } });
  return rows.map(toModelView);
}

/** One model by its public id. */
export async function getModel(publicId: string): Promise<ModelView> {
  const row = await db.aiModel.findUnique({ where: { publicId }, include: modelInclude });
  if (!row) throw notFound(`The model "${publicId}"`);
  return toModelView(row);
}
