import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getModel, type ModelView } from "@/lib/ai/registry/get-model";
import { listProviders } from "@/lib/ai/registry/get-provider";
import { MAX_PRICE_PER_MILLION } from "@/lib/ai/registry/model-schemas";
import { currency } from "@/lib/money";
import { Card, PageHeader } from "@/components/ui/card";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/form";
import { AdminBackLink } from "@/components/admin/admin-back-link";
import { DeploymentsPanel } from "@/components/admin/ai/deployments-panel";
import { ModelForm } from "@/components/admin/ai/model-form";
import { modelFormValues } from "@/components/admin/ai/model-form-values";
import { addDeploymentAction, deleteModelAction, removeDeploymentAction, updateDeploymentAction, updateModelAction } from "../../actions";

export const metadata: Metadata = { title: "Model · Admin" };

async function loadModel(publicId: string): Promise<ModelView> {
  try {
    return await getModel(publicId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function ModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ model: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePlatformAdmin();
  const [{ model: param }, { created }] = await Promise.all([params, searchParams]);
  const model = await loadModel(decodeURIComponent(param));
  const providers = (await listProviders()).map(({ id, slug, name }) => ({ id, slug, name }));
  return (
    <>
      <AdminBackLink href="/admin/ai" label="AI models" />
      <PageHeader title={model.displayName} description={<code>{model.publicId}</code>} />
      {created ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Model saved. Publish it from an AI API (under APIs) so teams can call it.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <ModelForm
            action={updateModelAction}
            publicId={model.publicId}
            initial={modelFormValues(model)}
            currency={currency()}
            maxPrice={MAX_PRICE_PER_MILLION}
          />
        </div>
        <aside className="space-y-6 lg:col-span-1">
          <Card
            title="Deployments"
            description="Tried by priority (lower first), by weight among equals; the next one answers when one fails. A disabled one gets no calls."
          >
            <DeploymentsPanel
              model={model.publicId}
              deployments={model.deployments}
              providers={providers}
              addAction={addDeploymentAction}
              updateAction={updateDeploymentAction}
              removeAction={removeDeploymentAction}
            />
          </Card>
          <Card title="Published by">
            {model.apis.length ? (
              <ul className="space-y-1 text-sm">
                {model.apis.map((api) => (
                  <li key={api.slug}>
                    <Link href={`/admin/apis/${api.slug}`} className="text-brand-700 hover:underline">
                      {api.name}
                    </Link>{" "}
                    <span className="text-slate-500">{api.status.toLowerCase()}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">No API yet: teams cannot call it.</p>
            )}
          </Card>
          <Card title="Delete">
            {model.apis.length ? (
              <p className="text-sm text-slate-600">Remove it from the APIs that publish it first.</p>
            ) : (
              <ActionForm action={deleteModelAction} hidden={{ model: model.publicId }} confirm={`Delete the model ${model.publicId}?`}>
                <SubmitButton variant="danger" pendingLabel="Deleting…">
                  Delete model
                </SubmitButton>
              </ActionForm>
            )}
          </Card>
        </aside>
      </div>
    </>
  );
}
