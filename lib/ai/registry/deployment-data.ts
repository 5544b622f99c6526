// Deployment input -> rows: each names its provider by id or slug, resolved here so an unknown
// provider is a 422 on that field (`deployments.1.provider`), not a foreign-key failure.
import type { Prisma } from "@/lib/db";
import { invalid } from "@/lib/validation";
import type { DeploymentInput } from "@/lib/ai/registry/model-schemas";

export type ResolvedDeployment = {
  providerId: string;
  providerSlug: string;
  providerModel: string;
  weight: number;
  priority: number;
  enabled: boolean;
};

export async function resolveDeployments(
  tx: Prisma.TransactionClient,
  inputs: readonly DeploymentInput[],
  field: (index: number) => string,
): Promise<ResolvedDeployment[]> {
  const refs = [...new Set(inputs.map((input) => input.provider))];
  const providers = refs.length
    ? await tx.aiProvider.findMany({ where: { OR: [{ id: { in: refs } }, { slug: { in: refs } }] }, select: { id: true, slug: true } })
    : [];
  const errors: Record<string, string> = {};
  const resolved: ResolvedDeployment[] = [];
  inputs.forEach((input, index) => {
    const provider = providers.find((candidate) => candidate.id === input.provider || candidate.slug === input.provider);
    if (!provider) errors[field(index)] = `There is no provider "${input.provider}".`;
    else resolved.push({ providerId: provider.id, providerSlug: provider.slug, ...pick(input) });
  });
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return resolved;
}

const pick = ({ providerModel, weight, priority, enabled }: DeploymentInput) => ({ providerModel, weight, priority, enabled });

/** What the audit log keeps of a deployment. */
export const deploymentSummary = (deployment: ResolvedDeployment) => ({
  provider: deployment.providerSlug,
  providerModel: deployment.providerModel,
  weight: deployment.weight,
  priority: deployment.priority,
  enabled: deployment.enabled,
});

export const deploymentRow = ({ providerId, providerModel, weight, priority, enabled }: ResolvedDeployment) => ({
  providerId,
  providerModel,
  weight,
  priority,
  enabled,
});
