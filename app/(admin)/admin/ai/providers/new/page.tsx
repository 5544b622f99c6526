import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/card";
import { AdminBackLink } from "@/components/admin/admin-back-link";
import { ProviderForm } from "@/components/admin/ai/provider-form";
import { NEW_PROVIDER_VALUES } from "@/components/admin/ai/provider-form-values";
import { createProviderAction } from "../../actions";

export const metadata: Metadata = { title: "New provider · Admin" };

export default async function NewProviderPage() {
  await requirePlatformAdmin();
  return (
    <>
      <AdminBackLink href="/admin/ai" label="AI models" />
      <PageHeader title="New provider" description="Save it, then test the connection from its page." />
      <ProviderForm action={createProviderAction} initial={NEW_PROVIDER_VALUES} hasApiKey={false} hasExtraHeaders={false} />
    </>
  );
}
