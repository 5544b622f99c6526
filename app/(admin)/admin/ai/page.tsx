import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { listProviders } from "@/lib/ai/registry/get-provider";
import { listModels } from "@/lib/ai/registry/get-model";
import { currency } from "@/lib/money";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ProviderTable } from "@/components/admin/ai/provider-table";
import { ModelTable } from "@/components/admin/ai/model-table";

export const metadata: Metadata = { title: "AI models · Admin" };

const DELETED: Record<string, string> = { provider: "Provider deleted.", model: "Model deleted." };

export default async function AdminAiPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdmin();
  const [{ deleted }, providers, models] = await Promise.all([searchParams, listProviders(), listModels()]);
  return (
    <>
      <PageHeader
        title="AI models"
        description="The model registry behind /api/ai/v1: providers where models run, and the models teams call under their public ids. An AI API (under APIs) publishes models to teams with its plans."
        actions={
          <div className="flex gap-2">
            <ButtonLink href="/admin/ai/providers/new" variant="secondary">
              New provider
            </ButtonLink>
            <ButtonLink href="/admin/ai/models/new">New model</ButtonLink>
          </div>
        }
      />
      {typeof deleted === "string" && DELETED[deleted] ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {DELETED[deleted]}
        </p>
      ) : null}
      <div className="space-y-6">
        <Card title="Providers" description="OpenAI-compatible servers and Anthropic. Keys are write-only.">
          {providers.length === 0 ? (
            <EmptyState title="No providers yet">Add one with “New provider”, then test its connection.</EmptyState>
          ) : (
            <ProviderTable providers={providers} />
          )}
        </Card>
        <Card title="Models" description="Prices per 1M tokens; each model runs on one or more deployments.">
          {models.length === 0 ? (
            <EmptyState title="No models yet">Add one with “New model” and give it a deployment on a provider.</EmptyState>
          ) : (
            <ModelTable models={models} currency={currency()} />
          )}
        </Card>
      </div>
    </>
  );
}
