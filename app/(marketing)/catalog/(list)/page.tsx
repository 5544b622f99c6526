import type { Metadata } from "next";
import Link from "next/link";
import { listPublishedApis } from "@/lib/catalog/list-published-apis";
import { listApiModels } from "@/lib/ai/registry/list-api-models";
import { ApiCard } from "@/components/catalog/api-card";
import { CatalogSearch, TagFilter } from "@/components/catalog/catalog-filters";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { textParam } from "@/lib/http/search-params";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API catalog" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PublicCatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = textParam(params.q, 200);
  const tag = textParam(params.tag, 200);
  const { entries, tags, total } = await listPublishedApis({ q, tag });
  const models = await listApiModels(entries.map((entry) => entry.id));
  const filtered = Boolean(q || tag);
  const signedIn = Boolean(await getCurrentUser());
  return (
    <>
      <PageHeader
        title="API catalog"
        description={
          signedIn
            ? "Every API published on this Tollgate. Subscribe your team from its catalog in the portal, then create a key."
            : "Every API published on this Tollgate. Sign up to subscribe your team and get a key."
        }
      />
      {total === 0 ? (
        <EmptyState title="No APIs are published yet">A platform admin publishes APIs from the admin console.</EmptyState>
      ) : (
        <>
          <CatalogSearch q={q} tag={tag} />
          <TagFilter tags={tags} q={q} active={tag} />
          <p className="mt-4 text-sm text-slate-600" role="status">
            {filtered
              ? `${entries.length} of ${total} ${total === 1 ? "API matches" : "APIs match"}.`
              : `${total} ${total === 1 ? "API" : "APIs"}.`}
          </p>
          {entries.length === 0 ? (
            <div className="mt-4">
              <EmptyState title={`No APIs match ${[q && `“${q}”`, tag && `tag “${tag}”`].filter(Boolean).join(" with ")}.`}>
                Try other words, or{" "}
                <Link href="/catalog" className="font-medium text-brand-700 underline">
                  clear the filters
                </Link>
                .
              </EmptyState>
            </div>
          ) : (
            <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {entries.map((api) => (
                <ApiCard key={api.id} api={api} href={`/catalog/${api.slug}`} models={models.get(api.id)} />
              ))}
            </div>
          )}
        </>
      )}
    </>
  );
}
