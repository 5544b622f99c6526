import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/card";
import { ApiForm } from "@/components/admin/apis/api-form";
import { NEW_API_VALUES } from "@/components/admin/apis/api-form-values";
import { createApiAction } from "../actions";
import { formLimits } from "../form-limits";
import { listModelOptions } from "@/lib/ai/registry/model-options";

export const metadata: Metadata = { title: "New API · Admin" };

export default async function NewApiPage() {
  await requirePlatformAdmin();
  return (
    <>
      <Link href="/admin/apis" className="mb-2 inline-block text-sm text-brand-700 hover:underline">
        ← APIs
      </Link>
      <PageHeader title="New API" description="Saved as a draft: nobody sees it until you publish it from its page." />
      <ApiForm
        action={createApiAction}
        initial={NEW_API_VALUES}
        hasCredential={false}
        openapiSummary={null}
        limits={formLimits()}
        models={await listModelOptions()}
      />
    </>
  );
}
