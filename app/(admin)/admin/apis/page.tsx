import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { listApisForAdmin } from "@/lib/catalog/list-apis";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ApiTable } from "@/components/admin/apis/api-table";

export const metadata: Metadata = { title: "APIs · Admin" };

export default async function AdminApisPage() {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const apis = await listApisForAdmin();
  return (
    <>
      <PageHeader
        title="APIs"
        description="Every API on this installation, in every state. Drafts are visible only here until published; retired APIs answer 410 Gone."
        actions={
          <span className="flex gap-2">
            <ButtonLink href="/admin/apis/new/prompt" variant="secondary">
              New Prompt API
            </ButtonLink>
            <ButtonLink href="/admin/apis/new">New API</ButtonLink>
          </span>
        }
      />
      {apis.length === 0 ? (
        <EmptyState title="No APIs yet">Create the first one with “New API”: give it an upstream and a plan, then publish it.</EmptyState>
      ) : (
        <Card>
          <ApiTable apis={apis} />
        </Card>
      )}
    </>
  );
}
