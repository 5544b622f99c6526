import type { Metadata } from "next";
import Link from "next/link";
import { loadTeamPage } from "@/lib/auth/team-page";
import { getTeamOverview } from "@/lib/teams/team-overview";
import { currency, formatMoney } from "@/lib/money";
import { gatewayUrl } from "@/lib/env";
import { isStripeConfigured } from "@/lib/billing/stripe/stripe-client";
import { hasRole } from "@/lib/teams/roles";
import { listUnreadTeamNotices } from "@/lib/notifications/notify-team-managers";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { awaitsDecision } from "@/lib/subscriptions/subscribe-team";
import { NoticeList } from "@/components/notifications/notice-list";
import { WaitingApprovals } from "@/components/subscriptions/waiting-approvals";
import { Card, PageHeader } from "@/components/ui/card";
import { markNoticesReadAction } from "./subscriptions/actions";

export const metadata: Metadata = { title: "Overview" };

/** "You are a member of this team": the role with its article. */
const AS_ROLE = { OWNER: "an owner", ADMIN: "an admin", MEMBER: "a member" } as const;

export default async function TeamOverviewPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  // Notices are addressed to owners and admins (they act on them); everyone sees what waits for approval.
  const isManager = hasRole(ctx.role, "ADMIN");
  const [overview, subscriptions, notices] = await Promise.all([
    getTeamOverview(ctx.team.id),
    listSubscriptions(ctx.team.id),
    isManager ? listUnreadTeamNotices(ctx.team.id) : Promise.resolve([]),
  ]);
  const stats = [
    { label: "Credit balance", value: formatMoney(overview.balance, currency()), href: "billing" },
    { label: "Active subscriptions", value: overview.activeSubscriptions, href: "subscriptions" },
    { label: "Active keys", value: overview.activeKeys, href: "keys" },
    { label: "Calls in the last 24 hours", value: overview.callsLast24h, href: "usage" },
    { label: "Members", value: overview.members, href: "members" },
  ];
  return (
    <>
      <PageHeader title="Overview" description={`You are ${AS_ROLE[ctx.role]} of this team.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {stats.map((stat) => (
          <Link
            key={stat.label}
            href={`/${slug}/${stat.href}`}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500"
          >
            <p className="text-xs text-slate-500">{stat.label}</p>
            <p className="mt-1 text-xl font-semibold tabular-nums">{stat.value}</p>
          </Link>
        ))}
      </div>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        {isManager ? <NoticeList hidden={{ team: slug }} notices={notices} markRead={markNoticesReadAction} /> : null}
        <WaitingApprovals team={slug} subscriptions={subscriptions.filter(awaitsDecision)} />
      </div>
      <Card title="Getting started" className="mt-8">
        <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-700">
          <li>
            Subscribe the team to an API on the{" "}
            <Link className="text-brand-600 hover:underline" href={`/${slug}/catalog`}>
              catalog
            </Link>{" "}
            page (owners and admins pick the plan).
          </li>
          <li>
            Create a key on the{" "}
            <Link className="text-brand-600 hover:underline" href={`/${slug}/keys`}>
              Keys
            </Link>{" "}
            page and copy it: it is shown once.
          </li>
          <li>
            Call <code>/api/gateway/{"{api}"}/…</code> with <code>Authorization: Bearer &lt;key&gt;</code>. For the Demo API:
            <pre
              tabIndex={0}
              className="mt-2 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 text-xs text-slate-100"
              data-testid="curl-example"
            >
              {`curl -H "Authorization: Bearer $KEY" ${gatewayUrl()}/api/gateway/demo/echo`}
            </pre>
          </li>
          <li>
            Paid plans draw on the team&apos;s credit: see{" "}
            <Link className="text-brand-600 hover:underline" href={`/${slug}/billing`}>
              billing
            </Link>
            .{" "}
            {isStripeConfigured()
              ? "Owners and admins top it up there by card."
              : "Card top-ups are not set up on this installation: ask the platform admins for credit from that page."}
          </li>
          <li>
            Invite your colleagues on the{" "}
            <Link className="text-brand-600 hover:underline" href={`/${slug}/members`}>
              members
            </Link>{" "}
            page.
          </li>
        </ol>
      </Card>
    </>
  );
}
