import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { getPlatformOverview } from "@/lib/admin/platform-overview";
import { currency, formatMoney } from "@/lib/billing/money";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "Admin" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function AdminPage() {
  await requirePlatformAdmin(); // checked here too: layouts do not guard every render
  const overview = await getPlatformOverview();
  return (
    <>
      <PageHeader
        title="Platform admin"
        description="Every team, user and API on this installation. Publishing and approvals arrive with later releases."
        actions={
          <nav aria-label="Admin sections" className="flex gap-2">
            <ButtonLink href="/admin/credit" variant="secondary">
              Credit
            </ButtonLink>
            <ButtonLink href="/admin/payments" variant="secondary">
              Payments and revenue
            </ButtonLink>
          </nav>
        }
      />
      <div className="grid gap-4 sm:grid-cols-3">
        {[
          ["Users", overview.users],
          ["Teams", overview.teams],
          ["APIs (not retired)", overview.apis],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-xs text-slate-500">{label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
          </div>
        ))}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Newest users">
          <ul className="divide-y divide-slate-100 text-sm">
            {overview.recentUsers.map((user) => (
              <li key={user.id} className="flex justify-between py-2">
                <span>
                  {user.email} {user.isPlatformAdmin ? <Badge tone="blue">admin</Badge> : null}
                </span>
                <span className="text-slate-500">{dateFormat.format(user.createdAt)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Newest teams">
          <ul className="divide-y divide-slate-100 text-sm">
            {overview.recentTeams.map((team) => (
              <li key={team.id} className="flex justify-between py-2">
                <span>
                  {team.name} <span className="text-slate-500">/{team.slug}</span>
                </span>
                <span className="tabular-nums text-slate-600">
                  {team._count.memberships} members · {formatMoney(team.balance, currency())}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Audit log (latest)">
          <ul className="divide-y divide-slate-100 text-sm">
            {overview.recentAudit.map((entry) => (
              <li key={entry.id} className="flex justify-between gap-2 py-2">
                <span>
                  <code className="text-xs">{entry.action}</code> {entry.team ? <span className="text-slate-500">/{entry.team.slug}</span> : null}
                </span>
                <span className="text-right text-slate-500">
                  {entry.actor?.email ?? "system"} · {dateFormat.format(entry.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Email outbox" description="Messages the app sent or, without SMTP_URL, only logged.">
          {overview.outbox.length === 0 ? (
            <p className="text-sm text-slate-600">No email yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {overview.outbox.map((email) => (
                <li key={email.id} className="flex justify-between gap-2 py-2">
                  <span className="truncate">
                    {email.to}: {email.subject}
                  </span>
                  <Badge tone={email.status === "SENT" ? "green" : email.status === "FAILED" ? "red" : "slate"}>{email.status.toLowerCase()}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
