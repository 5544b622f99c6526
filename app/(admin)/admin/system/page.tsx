// /admin/system - the installation's health for operators: version, instances, database, Redis,
// usage batch lag, open reservations and leases, webhook and Stripe backlogs.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/auth/session";
import {
  INSTANCE_WINDOW_MS,
  databaseStatus,
  listRecentInstances,
  openCreditLeases,
  openReservations,
  redisStatus,
  systemVersion,
  usageLag,
  webhookBacklog,
} from "@/lib/admin/system-status";
import { countUnappliedStripeEvents, listUnappliedStripeEvents } from "@/lib/admin/list-unapplied-stripe-events";
import { usageBacklog } from "@/lib/gateway/usage-recorder";
import { redisRateLimitState } from "@/lib/redis/rate-limit-state";
import { instanceId } from "@/lib/instances/instance-id";
import { currency, formatMoney } from "@/lib/money";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { StatTile } from "@/components/admin/stat-tile";
import { UnappliedEventsTable } from "@/components/admin/unapplied-events-table";
import {
  InstancesTable,
  LeasesTable,
  OldestOpenCallsTable,
  ReservationsByKindTable,
  WebhookTeamsTable,
  duration,
} from "@/components/admin/system-tables";

export const metadata: Metadata = { title: "System · Admin" };
export const dynamic = "force-dynamic";

const more = "text-sm text-brand-700 hover:underline";

export default async function AdminSystemPage() {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const now = new Date();
  const [database, instances, reservations, leases, webhooks, unappliedCount, unapplied] = await Promise.all([
    databaseStatus(),
    listRecentInstances(now),
    openReservations(now),
    openCreditLeases(now),
    webhookBacklog(now),
    countUnappliedStripeEvents(),
    listUnappliedStripeEvents(5),
  ]);
  const version = systemVersion();
  const usage = usageLag(usageBacklog(), now);
  const redis = redisStatus(redisRateLimitState());
  const unit = currency();
  const money = (micros: bigint) => formatMoney(micros, unit);
  const openCalls = reservations.byKind.reduce((sum, row) => sum + row.calls, 0);
  const held = reservations.byKind.reduce((sum, row) => sum + row.held, 0n);
  const running = instances.filter((instance) => instance.state === "running").length;
  return (
    <>
      <PageHeader
        title="System"
        description={`What every instance shares, read now. The usage batch and Redis are this instance's own (${instanceId()}).`}
      />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="system-tiles">
        <StatTile
          label="Version"
          value={version.version}
          note={version.commit ? `commit ${version.commit}` : "commit not recorded"}
          testId="system-version"
        />
        <StatTile
          label="Database"
          value={database.ok ? "reachable" : "unreachable"}
          note={database.ok ? `SELECT 1 in ${database.latencyMs} ms` : database.reason}
          testId="system-database"
        />
        <StatTile label="Redis" value={redis.label} note={redis.note} testId="system-redis" />
        <StatTile
          label="Instances"
          value={running}
          note={`running, of ${instances.length} seen in the last minute`}
          testId="system-instance-count"
        />
        <StatTile
          label="Usage batch lag"
          value={usage.waiting === 0 ? "none" : duration(usage.lagMs)}
          note={`${usage.waiting} events waiting · ${usage.held} calls settling`}
          testId="system-usage-lag"
        />
        <StatTile label="Open calls" value={openCalls} note={`${money(held)} held until recorded`} testId="system-open-calls" />
        <StatTile
          label="Credit leases"
          value={leases.count}
          note={`${money(leases.remaining)} held${leases.expired ? ` · ${leases.expired} expired` : ""}`}
          testId="system-credit-leases"
        />
        <StatTile
          label="Team webhooks pending"
          value={webhooks.pending}
          note={`${webhooks.oldest ? `oldest ${duration(now.getTime() - webhooks.oldest.getTime())}` : "none waiting"} · ${webhooks.failed24h} failed in 24 hours`}
          testId="system-webhooks-pending"
        />
        <StatTile
          label="Stripe events not applied"
          value={unappliedCount}
          note="see Payments"
          href="/admin/payments"
          testId="system-stripe-unapplied"
        />
      </div>

      <div className="mt-6 space-y-6">
        <Card title="Instances" description={`Processes whose heartbeat reached the database in the last ${INSTANCE_WINDOW_MS / 1000} s.`}>
          {instances.length === 0 ? (
            <EmptyState title="No heartbeat in the last minute" />
          ) : (
            <InstancesTable instances={instances} now={now} />
          )}
        </Card>

        <Card
          title="Open calls and reservations"
          description="Charged calls whose usage is not written yet. Reservations (AI and Prompt API calls) wait for their settle; calls of an instance that stopped or went silent are refunded by the next reconciliation."
        >
          {openCalls === 0 ? (
            <EmptyState title="No open calls" />
          ) : (
            <div className="space-y-4">
              <ReservationsByKindTable reservations={reservations} money={money} now={now} />
              <h3 className="text-sm font-medium text-slate-700">Oldest open calls</h3>
              <OldestOpenCallsTable reservations={reservations} money={money} now={now} />
            </div>
          )}
        </Card>

        <Card
          title="Credit leases"
          description="Credit an instance holds for a busy team; it stays in the ledger invariant and returns when the lease closes."
        >
          {leases.count === 0 ? <EmptyState title="No open credit leases" /> : <LeasesTable leases={leases} money={money} now={now} />}
        </Card>

        <Card
          title="Team webhook deliveries"
          description="Deliveries waiting to be sent (with retries), and those given up on in the last 24 hours."
        >
          {webhooks.teams.length === 0 ? (
            <EmptyState title="No webhook deliveries waiting" />
          ) : (
            <WebhookTeamsTable webhooks={webhooks} now={now} />
          )}
        </Card>

        <Card
          title="Stripe events not applied"
          description="Received and recorded, but no balance changed: reconcile them in Stripe."
          actions={
            <Link href="/admin/payments" className={more}>
              All on Payments
            </Link>
          }
        >
          {unapplied.length === 0 ? <EmptyState title="Every Stripe event was applied" /> : <UnappliedEventsTable events={unapplied} />}
        </Card>
      </div>
    </>
  );
}
