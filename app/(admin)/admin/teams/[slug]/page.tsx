import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { getAdminTeam } from "@/lib/admin/get-admin-team";
import { callsByDay } from "@/lib/admin/usage-windows";
import { listAuditLog } from "@/lib/admin/list-audit-log";
import { listCreditMovements } from "@/lib/billing/ledger/list-credit-movements";
import { currency, formatMoney } from "@/lib/money";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { StatTile } from "@/components/admin/stat-tile";
import { CallsChart } from "@/components/admin/calls-chart";
import { AuditTable } from "@/components/admin/audit-table";
import { AdminTeamMembers, AdminTeamSubscriptions } from "@/components/admin/admin-team-tables";
import { CreditMovementsTable } from "@/components/ledger/credit-movements-table";
import { AdminBackLink } from "@/components/admin/admin-back-link";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `/${(await params).slug} · Teams · Admin` };
}

export default async function AdminTeamPage({ params }: Props) {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const { slug } = await params;
  const team = await getAdminTeam(slug.slice(0, 100));
  if (!team) notFound();
  const [days, movements, audit] = await Promise.all([
    callsByDay({ days: 30, teamId: team.id }),
    listCreditMovements(team.id, 1),
    listAuditLog({ teamSlug: team.slug }, { take: 10 }),
  ]);
  const unit = currency();
  const { usage30d: usage, keys } = team;
  return (
    <>
      <AdminBackLink href="/admin/teams" label="Teams" />
      <PageHeader
        title={team.name}
        description={
          <>
            /{team.slug} {team.personal ? <Badge>personal</Badge> : null}{" "}
            {team.autoRechargeEnabled ? <Badge tone="blue">auto-recharge on</Badge> : null}
          </>
        }
        actions={
          <ButtonLink href={`/admin/credit?q=${encodeURIComponent(team.slug)}`} variant="secondary">
            Grant credit
          </ButtonLink>
        }
      />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <StatTile label="Balance" value={formatMoney(team.balance, unit)} testId="team-balance" />
        <StatTile label="Calls (30 days)" value={usage.requests.toLocaleString("en")} testId="team-calls" />
        <StatTile label="Errors (30 days)" value={usage.errors.toLocaleString("en")} testId="team-errors" />
        <StatTile
          label="Spend (30 days)"
          value={formatMoney(usage.charged - usage.refunded, unit)}
          note={usage.refunded > 0n ? `after ${formatMoney(usage.refunded, unit)} refunded` : undefined}
          testId="team-spend"
        />
        <StatTile
          label="API keys"
          value={keys.active}
          note={`active · ${keys.revoked} revoked · ${keys.expired} expired`}
          testId="team-keys"
        />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title={`Members (${team.memberships.length})`}>
          <AdminTeamMembers members={team.memberships} />
        </Card>
        <Card title={`Subscriptions (${team.subscriptions.length})`}>
          {team.subscriptions.length === 0 ? (
            <EmptyState title="No subscriptions" />
          ) : (
            <AdminTeamSubscriptions subscriptions={team.subscriptions} />
          )}
        </Card>
      </div>
      <Card title="Calls per day, last 30 days (UTC)" className="mt-6">
        <CallsChart id="team-calls" days={days} title={`Calls per day of /${team.slug}`} />
      </Card>
      <Card
        title="Recent credit movements"
        description="Top-ups, recharges, grants, adjustments and refunds; usage is summarised above."
        className="mt-6"
      >
        {movements.rows.length === 0 ? (
          <EmptyState title="No credit movements yet" />
        ) : (
          <CreditMovementsTable rows={movements.rows} currency={unit} />
        )}
      </Card>
      <Card
        title="Recent audit entries"
        className="mt-6"
        actions={
          <Link href={`/admin/audit?team=${encodeURIComponent(team.slug)}`} className="text-sm text-brand-700 hover:underline">
            All entries for this team
          </Link>
        }
      >
        {audit.rows.length === 0 ? <EmptyState title="Nothing audited for this team yet" /> : <AuditTable rows={audit.rows} />}
      </Card>
    </>
  );
}
