// The top of an API's page, REST or AI: breadcrumb, name, summary, lifecycle and tags, the way to a
// subscription, and the deprecation banner.
import Link from "next/link";
import type { PublishedApi } from "@/lib/catalog/get-published-api";
import { DeprecationBanner, LifecycleBadge } from "@/components/catalog/lifecycle";
import { SubscribeCallToAction } from "@/components/catalog/subscribe-call-to-action";
import { Badge } from "@/components/ui/card";
import type { MemberTeamSubscription } from "@/lib/subscriptions/member-team-subscription";

type Props = {
  api: Pick<PublishedApi, "slug" | "name" | "summary" | "status" | "version" | "sunsetAt" | "tags">;
  signedIn: boolean;
  /** the team the Subscribe button leads to (the user's first) */
  teamSlug?: string;
  /** badges after the lifecycle one, e.g. "AI" */
  kindBadge?: React.ReactNode;
  /** the subscription teamSlug holds to this API, if any */
  subscription?: MemberTeamSubscription | null;
};

export function ApiPageHeader({ api, signedIn, teamSlug, kindBadge, subscription }: Props) {
  const deprecated = api.status === "DEPRECATED";
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/catalog" className="hover:text-slate-800 hover:underline">
          Catalog
        </Link>{" "}
        / <span aria-current="page">{api.name}</span>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">{api.name}</h1>
          {api.summary ? <p className="mt-2 max-w-2xl text-slate-600">{api.summary}</p> : null}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <LifecycleBadge status={api.status} version={api.version} sunsetAt={api.sunsetAt} />
            {deprecated ? <Badge>v{api.version}</Badge> : null}
            {kindBadge}
            {api.tags.map((tag) => (
              <Link key={tag} href={`/catalog?tag=${encodeURIComponent(tag)}`} aria-label={`APIs tagged ${tag}`}>
                <Badge>{tag}</Badge>
              </Link>
            ))}
          </div>
        </div>
        <SubscribeCallToAction
          apiSlug={api.slug}
          signedIn={signedIn}
          teamSlug={teamSlug}
          deprecated={deprecated}
          subscription={subscription}
        />
      </header>
      {deprecated ? <DeprecationBanner name={api.name} sunsetAt={api.sunsetAt} /> : null}
    </>
  );
}
