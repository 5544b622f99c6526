// The page of an AI API (Api.kind AI): its models with limits and prices per 1M tokens, plans priced
// as tokens plus a fee per request, the pricing rule, quickstarts for the SDKs and Claude Code, and
// for signed-in members a playground that streams a chat through the AI gateway with a team key.
// There is no OpenAPI reference or REST try-it console here: the endpoint is OpenAI's and Anthropic's.
import Link from "next/link";
import type { PublishedApi } from "@/lib/catalog/get-published-api";
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import type { TryItTeamOption } from "@/lib/try-it/list-try-it-keys";
import { gatewayUrl } from "@/lib/env";
import { currency as configuredCurrency } from "@/lib/money";
import { ApiAboutCard } from "@/components/catalog/api-about-card";
import { ApiPageHeader } from "@/components/catalog/api-page-header";
import type { MemberTeamSubscription } from "@/lib/subscriptions/member-team-subscription";
import { AiPlanCards } from "@/components/ai/ai-plan-cards";
import { AiPlayground } from "@/components/ai/ai-playground";
import { ModelTable } from "@/components/ai/model-table";
import { PricingRule } from "@/components/ai/pricing-rule";
import { aiBaseUrls, quickstartSnippets } from "@/components/ai/quickstart-snippets";
import { QuickstartTabs } from "@/components/ai/quickstart-tabs";
import { Badge, Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";

type Props = {
  api: PublishedApi;
  models: ApiModelView[];
  signedIn: boolean;
  teams: TryItTeamOption[];
  subscription: MemberTeamSubscription | null;
};

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0">
      <h2 id={`${id}-heading`} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function AiApiPage({ api, models, signedIn, teams, subscription }: Props) {
  const currency = configuredCurrency();
  // The origin callers use (GATEWAY_URL when the installation gives the gateway its own hostname).
  const origin = gatewayUrl();
  const urls = aiBaseUrls(origin);
  const chatModels = models.filter((model) => model.kind === "CHAT");
  const quickstarts = quickstartSnippets(origin, {
    chat: chatModels[0]?.publicId ?? null,
    embeddings: models.find((model) => model.kind === "EMBEDDINGS")?.publicId ?? null,
  });

  return (
    <article className="space-y-8">
      <ApiPageHeader
        api={api}
        signedIn={signedIn}
        teamSlug={teams[0]?.slug}
        subscription={subscription}
        kindBadge={<Badge tone="blue">AI</Badge>}
      />

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <ApiAboutCard description={api.description} />
        <Card
          title="Call it"
          description="OpenAI- and Anthropic-compatible, with a team key as the API key."
          className="min-w-0 self-start"
        >
          <CopyField label="OpenAI base URL" value={urls.openai} />
          <CopyField label="Anthropic base URL" value={urls.anthropic} />
          <p className="mt-3 text-xs text-slate-500">
            The key goes in <code>Authorization: Bearer</code> or <code>x-api-key</code>, never in the URL.
          </p>
        </Card>
      </div>

      <Section id="models" title="Models">
        <ModelTable models={models} currency={currency} />
        <p className="mt-2 text-xs text-slate-500">
          Prices per 1,000,000 tokens. Send the model&apos;s id as <code>model</code>.
        </p>
      </Section>

      <Section id="plans" title="Plans">
        <AiPlanCards plans={api.plans} models={models} currency={currency} />
      </Section>

      <Section id="pricing" title="How a call is priced">
        <Card>
          <PricingRule models={models} currency={currency} />
        </Card>
      </Section>

      <Section id="quickstart" title="Quickstart">
        <Card>
          <p className="mb-3 text-sm text-slate-600">
            Create a key on your team&apos;s Keys page, then{" "}
            <code className="rounded bg-slate-100 px-1">export TOLLGATE_KEY=tg_live_…</code> in your shell and paste one of these.
          </p>
          <QuickstartTabs quickstarts={quickstarts} />
        </Card>
      </Section>

      <Section id="playground" title="Playground">
        <Card>
          {signedIn ? (
            <AiPlayground
              api={api.slug}
              models={chatModels.map(({ publicId, displayName }) => ({ publicId, displayName }))}
              teams={teams}
              currency={currency}
            />
          ) : (
            <p className="text-sm text-slate-600">
              <Link
                href={`/sign-in?callbackUrl=${encodeURIComponent(`/catalog/${api.slug}`)}`}
                className="font-medium text-brand-700 underline"
              >
                Sign in to use the playground
              </Link>{" "}
              with one of your team&apos;s keys. Its calls go through the AI gateway and are charged like any other.
            </p>
          )}
        </Card>
      </Section>
    </article>
  );
}
