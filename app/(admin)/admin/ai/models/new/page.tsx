import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { listProviders } from "@/lib/ai/registry/get-provider";
import { MAX_PRICE_PER_MILLION } from "@/lib/ai/registry/model-schemas";
import { currency } from "@/lib/money";
import { PageHeader } from "@/components/ui/card";
import { AdminBackLink } from "@/components/admin/admin-back-link";
import { ModelForm } from "@/components/admin/ai/model-form";
import { NEW_MODEL_VALUES } from "@/components/admin/ai/model-form-values";
import { createModelAction } from "../../actions";

export const metadata: Metadata = { title: "New model · Admin" };

export default async function NewModelPage() {
  await requirePlatformAdmin();
  const providers = (await listProviders()).map(({ id, slug, name }) => ({ id, slug, name }));
  return (
    <>
      <AdminBackLink href="/admin/ai" label="AI models" />
      <PageHeader title="New model" description="Teams reach it once an AI API publishes it." />
      <ModelForm
        action={createModelAction}
        initial={NEW_MODEL_VALUES}
        currency={currency()}
        maxPrice={MAX_PRICE_PER_MILLION}
        providers={providers}
      />
    </>
  );
}
