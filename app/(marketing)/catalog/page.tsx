import type { Metadata } from "next";
import { listPublishedApis } from "@/lib/catalog/list-published-apis";
import { ApiCard } from "@/components/catalog/api-card";
import { EmptyState, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "API catalog" };
export const dynamic = "force-dynamic";

export default async function PublicCatalogPage() {
  const apis = await listPublishedApis();
  return (
    <>
      <PageHeader title="API catalog" description="Every API published on this Tollgate. Sign up to subscribe your team and get a key." />
      {apis.length === 0 ? (
        <EmptyState title="No APIs are published yet" />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {apis.map((api) => (
            <ApiCard key={api.id} api={api} />
          ))}
        </div>
      )}
    </>
  );
}
