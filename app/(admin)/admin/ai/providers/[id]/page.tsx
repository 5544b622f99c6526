import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getProvider, type ProviderView } from "@/lib/ai/registry/get-provider";
import { Card, PageHeader } from "@/components/ui/card";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/form";
import { AdminBackLink } from "@/components/admin/admin-back-link";
import { ConnectionTest } from "@/components/admin/ai/connection-test";
import { ProviderForm } from "@/components/admin/ai/provider-form";
import { providerFormValues } from "@/components/admin/ai/provider-form-values";
import { KIND_LABELS } from "@/components/admin/ai/provider-table";
import { deleteProviderAction, testProviderAction, updateProviderAction } from "../../actions";

export const metadata: Metadata = { title: "Provider · Admin" };

async function loadProvider(id: string): Promise<ProviderView> {
  try {
    return await getProvider(id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function ProviderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePlatformAdmin();
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const provider = await loadProvider(decodeURIComponent(id));
  return (
    <>
      <AdminBackLink href="/admin/ai" label="AI models" />
      <PageHeader title={provider.name} description={`${KIND_LABELS[provider.kind]} · ${provider.slug}`} />
      {created ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Provider saved. Test the connection, then deploy models on it.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <ProviderForm
            action={updateProviderAction}
            providerId={provider.id}
            initial={providerFormValues(provider)}
            hasApiKey={provider.hasApiKey}
            hasExtraHeaders={provider.hasExtraHeaders}
          />
        </div>
        <aside className="space-y-6 lg:col-span-1">
          <Card title="Connection" description="Lists the provider's models with the saved settings, as the gateway will call it.">
            <ConnectionTest action={testProviderAction} providerId={provider.id} />
          </Card>
          <Card title="Models on this provider">
            {provider.models.length ? (
              <p className="text-sm text-slate-700">{provider.models.join(", ")}</p>
            ) : (
              <p className="text-sm text-slate-600">None yet.</p>
            )}
          </Card>
          <Card title="Delete">
            {provider.models.length ? (
              <p className="text-sm text-slate-600">Remove the deployments of its models first.</p>
            ) : (
              <ActionForm
                action={deleteProviderAction}
                hidden={{ providerId: provider.id }}
                confirm={`Delete the provider ${provider.name}?`}
              >
                <SubmitButton variant="danger" pendingLabel="Deleting…">
                  Delete provider
                </SubmitButton>
              </ActionForm>
            )}
          </Card>
        </aside>
      </div>
    </>
  );
}
