import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { getPlatformOverview, getRecentActivity } from "@/lib/admin/platform-overview";
import { callsByDay } from "@/lib/admin/usage-windows";
import { listAuditLog } from "@/lib/admin/list-audit-log";
import { currency, formatMoney } from "@/lib/money";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { StatTile, percent } from "@/components/admin/stat-tile";
import { CallsChart } from "@/components/admin/calls-chart";
import { actorText } from "@/components/admin/audit-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";
import { countOf } from "@/components/usage/usage-format";
import { NoticeList } from "@/components/notifications/notice-list";
import { listUnreadUserNotices } from "@/lib/notifications/user-notices";
import { CREDIT_REQUEST_NOTICE } from "@/lib/notifications/notify-credit-request";
import { markAdminNoticesReadAction } from "./actions";

export const metadata: Metadata = { title: "Admin" };

const more = "text-sm text-brand-700 hover:underline";

export default async function AdminPage() {
  const admin = await requirePlatformAdmin(); // checked here too: layouts do not guard every render
  const [overview, recent, days, audit, notices] = await Promise.all([
    getPlatformOverview(),
    getRecentActivity(),
    callsByDay({ days: 30 }),
    listAuditLog({}, { take: 10 }),
    listUnreadUserNotices(admin.id),
  ]);
  // Teams asking for credit (installations without Stripe top-ups) get a card of their own.
  const creditRequests = notices.filter((notice) => notice.kind === CREDIT_REQUEST_NOTICE);
  const otherNotices = notices.filter((notice) => notice.kind !== CREDIT_REQUEST_NOTICE);
  const unit = currency();
  const n = (value: number) => value.toLocaleString("en");
  return (
    <>
      <PageHeader
        title="Platform admin"
        description="Every team, user and API on this installation at a glance. Calls come from hourly rollups; the 24-hour windows are the current hour and the 23 before it."
      />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="overview-tiles">
        <StatTile
          label="Active teams (30 days)"
          value={n(overview.activeTeams)}
          note={`of ${n(overview.teams)} teams · ${n(overview.users)} users`}
          href="/admin/teams?sort=calls"
          testId="active-teams"
        />
        <StatTile label="Calls (24 hours)" value={n(overview.calls24h)} note={`${n(overview.calls30d)} in 30 days`} testId="calls-24h" />
        <StatTile
          label="Revenue (30 days)"
          value={formatMoney(overview.revenue30d, unit)}
          note={overview.refunds30d > 0n ? `${formatMoney(overview.refunds30d, unit)} refunded` : "top-ups and auto-recharges"}
          href="/admin/payments"
          testId="revenue-30d"
        />
        <StatTile
          label="Credit outstanding"
          value={formatMoney(overview.creditOutstanding, unit)}
          note="sum of all team balances"
          href="/admin/credit"
          testId="credit-outstanding"
        />
        <StatTile
          label="Error rate (24 hours)"
          value={percent(overview.errors24h, overview.events24h)}
          note={`${n(overview.errors24h)} of ${n(overview.events24h)} responses ≥ 400 · ${percent(overview.serverErrors24h, overview.events24h)} ≥ 500`}
          testId="error-rate"
        />
        <StatTile
          label="Rejected before auth (24 hours)"
          value={n(overview.rejectedBeforeAuth24h)}
          note="missing or unknown API key"
          testId="rejected-before-auth"
        />
        <StatTile
          label="Pending approvals"
          value={n(overview.pendingApprovals)}
          note="subscriptions and plan changes"
          href="/admin/approvals"
          testId="pending-approvals"
        />
        <StatTile label="APIs (not retired)" value={n(overview.apis)} href="/admin/apis" testId="apis" />
      </div>

      {creditRequests.length > 0 ? (
        <div className="mt-6" data-testid="credit-requests">
          <NoticeList title="Credit requests" linkLabel="Review and grant" notices={creditRequests} markRead={markAdminNoticesReadAction} />
        </div>
      ) : null}

      {otherNotices.length > 0 ? (
        <div className="mt-6">
          <NoticeList notices={otherNotices} markRead={markAdminNoticesReadAction} />
        </div>
      ) : null}

      <Card title="Calls per day, last 30 days (UTC)" className="mt-6">
        <CallsChart id="platform-calls" days={days} title="Calls per day" />
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card
          title="Newest users"
          actions={
            <Link href="/admin/users" className={more}>
              All users
            </Link>
          }
        >
          <ul className="divide-y divide-slate-100 text-sm">
            {recent.recentUsers.map((user) => (
              <li key={user.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span className="break-all">
                  {user.email} {user.isPlatformAdmin ? <Badge tone="blue">admin</Badge> : null}{" "}
                  {user.disabledAt ? <Badge tone="red">disabled</Badge> : null}
                </span>
                <span className="text-slate-500">{utcDateTime.format(user.createdAt)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card
          title="Newest teams"
          actions={
            <Link href="/admin/teams" className={more}>
              All teams
            </Link>
          }
        >
          <ul className="divide-y divide-slate-100 text-sm">
            {recent.recentTeams.map((team) => (
              <li key={team.id} className="flex flex-wrap justify-between gap-2 py-2">
                <Link href={`/admin/teams/${team.slug}`} className="text-brand-700 hover:underline">
                  {team.name} <span className="text-slate-500">/{team.slug}</span>
                </Link>
                <span className="tabular-nums text-slate-600">
                  {countOf(team._count.memberships, "member")} · {formatMoney(team.balance, unit)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card
        title="Audit log (latest)"
        className="mt-6"
        actions={
          <Link href="/admin/audit" className={more}>
            Full audit log
          </Link>
        }
      >
        {audit.rows.length === 0 ? (
          <EmptyState title="Nothing audited yet" />
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {audit.rows.map((entry) => (
              <li key={entry.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <Link href={`/admin/audit?action=${encodeURIComponent(entry.action)}`} className="hover:underline">
                    <code className="text-xs">{entry.action}</code>
                  </Link>{" "}
                  {entry.team ? <span className="text-slate-500">/{entry.team.slug}</span> : null}
                </span>
                <span className="text-right text-slate-500">
                  {actorText(entry)} · {utcDateTime.format(entry.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
