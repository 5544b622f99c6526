// One API's public page: what it does, its plans, its OpenAPI reference, and for signed-in members
// a console that calls it through the gateway with one of their team's keys.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getPublishedApi, listOperations } from "@/lib/catalog/get-published-api";
import { gatewayUrl as gatewayOrigin } from "@/lib/env";
import { listTryItKeys } from "@/lib/try-it/list-try-it-keys";
import { ApiReference } from "@/components/api-reference/api-reference";
import { DeprecationBanner, LifecycleBadge } from "@/components/catalog/lifecycle";
import { PlansTable } from "@/components/catalog/plans-table";
import { SubscribeCallToAction } from "@/components/catalog/subscribe-call-to-action";
import { Markdown } from "@/components/markdown/markdown";
import { TryItConsole } from "@/components/try-it/try-it-console";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const api = await getPublishedApi((await params).slug);
  return { title: api ? api.name : "API not found", description: api?.summary || undefined };
}

export default async function ApiPage({ params }: Props) {
  const { slug } = await params;
  const api = await getPublishedApi(slug);
  if (!api) notFound();
  const user = await getCurrentUser();
  const teams = user ? await listTryItKeys(user.id) : [];
  const gatewayUrl = `${gatewayOrigin()}/api/gateway/${api.slug}`;
  const deprecated = api.status === "DEPRECATED";

  return (
    <article className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/catalog" className="hover:text-slate-800 hover:underline">
          Catalog
        </Link>{" "}
        / <span aria-current="page">{api.name}</span>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">{api.name}</h1>
          {api.summary ? <p className="mt-2 max-w-2xl text-slate-600">{api.summary}</p> : null}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <LifecycleBadge status={api.status} version={api.version} sunsetAt={api.sunsetAt} />
            {deprecated ? <Badge>v{api.version}</Badge> : null}
            {api.tags.map((tag) => (
              <Link key={tag} href={`/catalog?tag=${encodeURIComponent(tag)}`} aria-label={`APIs tagged ${tag}`}>
                <Badge>{tag}</Badge>
              </Link>
            ))}
          </div>
        </div>
        <SubscribeCallToAction signedIn={Boolean(user)} teamSlug={teams[0]?.slug} deprecated={deprecated} />
      </header>

      {deprecated ? <DeprecationBanner name={api.name} sunsetAt={api.sunsetAt} /> : null}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card title="About this API" className="min-w-0">
          {api.description ? <Markdown>{api.description}</Markdown> : <p className="text-sm text-slate-500">No description yet.</p>}
        </Card>
        <Card
          title="Call it"
          description="Through the gateway, with a team key in the Authorization header."
          className="min-w-0 self-start"
        >
          <CopyField label="Gateway base URL" value={gatewayUrl} />
          <pre className="mt-3 whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 text-xs text-slate-100">{`curl -H "Authorization: Bearer $TOLLGATE_KEY" \\\n  ${gatewayUrl}/…`}</pre>
        </Card>
      </div>

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Plans
        </h2>
        <PlansTable plans={api.plans} />
        <p className="mt-2 text-xs text-slate-500">
          Prices are charged per call from the team&apos;s prepaid credit; rate limits count per key.
        </p>
      </section>

      <section aria-labelledby="try-heading">
        <h2 id="try-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Try it
        </h2>
        <Card>
          {user ? (
            <TryItConsole api={api.slug} operations={listOperations(api.openapi)} teams={teams} />
          ) : (
            <p className="text-sm text-slate-600">
              <Link
                href={`/sign-in?callbackUrl=${encodeURIComponent(`/catalog/${api.slug}`)}`}
                className="font-medium text-brand-700 underline"
              >
                Sign in to try it
              </Link>{" "}
              with one of your team&apos;s keys. Calls go through the gateway and are charged like any other.
            </p>
          )}
        </Card>
      </section>

      <section aria-labelledby="reference-heading">
        <h2 id="reference-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Reference
        </h2>
        {api.openapi ? (
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
            <ApiReference document={api.openapi} gatewayUrl={gatewayUrl} title={api.name} />
          </div>
        ) : (
          <EmptyState title="No reference published">
            This API has no OpenAPI document yet; the description above says how to call it.
          </EmptyState>
        )}
      </section>
    </article>
  );
}
