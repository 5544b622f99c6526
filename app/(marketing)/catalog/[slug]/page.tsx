// One API's public page: what it does, its plans, its OpenAPI reference, and for signed-in members
// a console that calls it through the gateway with one of their team's keys. An AI API has a page
// of its own (ai-api-page.tsx): models, token prices, quickstarts and the playground.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getPublishedApi, listOperations } from "@/lib/catalog/get-published-api";
import { gatewayUrl as gatewayOrigin } from "@/lib/env";
import { listTryItKeys } from "@/lib/try-it/list-try-it-keys";
import { findMemberTeamSubscription, subscribeStepPath } from "@/lib/subscriptions/member-team-subscription";
import { ApiReference } from "@/components/api-reference/api-reference";
import { withGatewayKeyScheme } from "@/lib/catalog/reference-document";
import { ApiAboutCard } from "@/components/catalog/api-about-card";
import { ApiPageHeader } from "@/components/catalog/api-page-header";
import { PlansTable } from "@/components/catalog/plans-table";
import { TryItConsole } from "@/components/try-it/try-it-console";
import { Card, EmptyState } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { McpConnect } from "@/components/mcp/mcp-connect";
import { mcpResourceUrl } from "@/lib/oauth/resource";
import { listApiModelsOf } from "@/lib/ai/registry/list-api-models";
import { AiApiPage } from "./ai-api-page";
import { describePromptApi } from "@/lib/prompt-apis/describe-plans";

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
  const teamSlug = teams[0]?.slug;
  const subscription = user && teamSlug ? await findMemberTeamSubscription(user.id, teamSlug, api.id) : null;
  const models = await listApiModelsOf(api.id);
  if (models) return <AiApiPage api={api} models={models} signedIn={Boolean(user)} teams={teams} subscription={subscription} />;
  const gatewayUrl = `${gatewayOrigin()}/api/gateway/${api.slug}`;
  // A Prompt API: one POST with its variables, priced per plan as the admin chose.
  const prompt = await describePromptApi(api.slug);
  const example = prompt
    ? `curl -X POST -H "Authorization: Bearer $TOLLGATE_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${prompt.sampleBody}' \\\n  ${gatewayUrl}`
    : `curl -H "Authorization: Bearer $TOLLGATE_KEY" \\\n  ${gatewayUrl}/…`;

  return (
    <article className="space-y-8">
      <ApiPageHeader api={api} signedIn={Boolean(user)} teamSlug={teamSlug} subscription={subscription} />

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <ApiAboutCard description={api.description} />
        <Card
          title="Call it"
          description="Through the gateway, with a team key in the Authorization header."
          className="min-w-0 self-start"
        >
          <CopyField label="Gateway base URL" value={gatewayUrl} />
          <pre className="mt-3 whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 text-xs text-slate-100">{example}</pre>
        </Card>
      </div>

      <section aria-labelledby="mcp-heading">
        <h2 id="mcp-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Use it from an agent (MCP)
        </h2>
        <Card>
          <McpConnect serverUrl={mcpResourceUrl(api.slug)} apiSlug={api.slug} />
          <p className="mt-4 text-sm text-slate-600">
            Each operation of the reference below is a tool; a subscribed team&apos;s agents call them, metered like any gateway call.
            {teams[0] ? (
              <>
                {" "}
                Your team&apos;s tools and its sign-ins are on its{" "}
                <Link href={`/${teams[0].slug}/mcp`} className="font-medium text-brand-700 underline">
                  MCP page
                </Link>
                .
              </>
            ) : null}
          </p>
        </Card>
      </section>

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Plans
        </h2>
        <PlansTable
          plans={api.plans}
          actions={
            teamSlug
              ? {
                  hrefFor: (plan) => subscribeStepPath(teamSlug, api.slug, plan),
                  heldPlan: subscription?.planSlug ?? null,
                  held: subscription?.status === "PENDING" ? "PENDING" : subscription ? "ACTIVE" : null,
                  open: api.status === "PUBLISHED",
                }
              : undefined
          }
        />
        {prompt ? (
          <ul className="mt-3 space-y-1 text-sm text-slate-700" aria-label="What a call costs">
            {prompt.prices.map((price) => (
              <li key={price.plan}>
                <strong>{price.plan}</strong>: {price.words}.
              </li>
            ))}
          </ul>
        ) : null}
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
            <ApiReference {...withGatewayKeyScheme(api.openapi)} gatewayUrl={gatewayUrl} title={api.name} />
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
