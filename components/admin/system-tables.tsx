// The tables of the admin system page: instances, open calls, credit leases and webhook backlog by
// team. Each row links to the page that already shows its details (a team, an API).
import Link from "next/link";
import type { listRecentInstances, openCreditLeases, openReservations, webhookBacklog } from "@/lib/admin/system-status";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";
import { utcDateTime } from "@/components/ledger/ledger-labels";

type Instances = Awaited<ReturnType<typeof listRecentInstances>>;
type Reservations = Awaited<ReturnType<typeof openReservations>>;
type Leases = Awaited<ReturnType<typeof openCreditLeases>>;
type Webhooks = Awaited<ReturnType<typeof webhookBacklog>>;
type Money = (micros: bigint) => string;

const cell = "px-3 py-2 align-top";
const link = "text-brand-700 hover:underline";
const STATE_TONES = { running: "green", silent: "amber", stopped: "slate" } as const;
const KIND_LABELS: Record<string, string> = { REST: "REST calls", AI: "AI reservations", PROMPT: "Prompt API reservations" };

/** "850 ms", "42 s", "7 min", "3 h": how long ago, or how old. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

const TeamLink = ({ slug }: { slug: string | null }) =>
  slug ? (
    <Link href={`/admin/teams/${slug}`} className={link}>
      /{slug}
    </Link>
  ) : (
    <span className="text-slate-500">deleted team</span>
  );

export function InstancesTable({ instances, now }: { instances: Instances; now: Date }) {
  return (
    <AdminTable
      columns={[
        { label: "Instance" },
        { label: "Host and pid" },
        { label: "Started (UTC)" },
        { label: "Last heartbeat" },
        { label: "State" },
      ]}
      cell={cell}
      testId="system-instances-table"
    >
      {instances.map((instance) => (
        <tr key={instance.id}>
          <td className={`${cell} font-mono text-xs`}>
            {instance.id}
            {instance.current ? <span className="ml-2 font-sans text-slate-500">(this page)</span> : null}
          </td>
          <td className={cell}>
            {instance.host} · {instance.pid}
          </td>
          <td className={`${cell} whitespace-nowrap tabular-nums`}>{utcDateTime.format(instance.startedAt)}</td>
          <td className={`${cell} tabular-nums`}>{duration(now.getTime() - instance.seenAt.getTime())} ago</td>
          <td className={cell}>
            <Badge tone={STATE_TONES[instance.state]}>{instance.state}</Badge>
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}

export function ReservationsByKindTable({ reservations, money, now }: { reservations: Reservations; money: Money; now: Date }) {
  return (
    <AdminTable
      columns={[
        { label: "Kind" },
        { label: "Open", right: true },
        { label: "Credit held", right: true },
        { label: "Not settled", right: true },
        { label: "On a lost instance", right: true },
        { label: "Oldest" },
      ]}
      cell={cell}
      testId="system-open-calls-by-kind"
    >
      {reservations.byKind.map((row) => (
        <tr key={row.kind}>
          <td className={cell}>{KIND_LABELS[row.kind] ?? row.kind}</td>
          <td className={`${cell} text-right tabular-nums`}>{row.calls}</td>
          <td className={`${cell} text-right tabular-nums`}>{money(row.held)}</td>
          <td className={`${cell} text-right tabular-nums`}>{row.kind === "REST" ? "–" : row.unsettled}</td>
          <td className={`${cell} text-right tabular-nums`}>{row.lost}</td>
          <td className={`${cell} tabular-nums`}>{duration(now.getTime() - row.oldest.getTime())}</td>
        </tr>
      ))}
    </AdminTable>
  );
}

export function OldestOpenCallsTable({ reservations, money, now }: { reservations: Reservations; money: Money; now: Date }) {
  return (
    <AdminTable
      columns={[
        { label: "Request id" },
        { label: "Team" },
        { label: "Call" },
        { label: "Charged", right: true },
        { label: "Age" },
        { label: "Instance" },
      ]}
      cell={cell}
      testId="system-oldest-open-calls"
    >
      {reservations.oldest.map((call) => (
        <tr key={call.requestId}>
          <td className={`${cell} font-mono text-xs`}>{call.requestId}</td>
          <td className={cell}>
            <TeamLink slug={call.teamSlug} />
          </td>
          <td className={cell}>
            {call.apiSlug ? (
              <Link href={`/admin/apis/${call.apiSlug}`} className={link}>
                {call.apiSlug}
              </Link>
            ) : null}{" "}
            <span className="font-mono text-xs">
              {call.method} {call.path}
            </span>
          </td>
          <td className={`${cell} text-right tabular-nums`}>{money(call.charged)}</td>
          <td className={`${cell} tabular-nums`}>{duration(now.getTime() - call.createdAt.getTime())}</td>
          <td className={`${cell} font-mono text-xs`}>{call.instanceId}</td>
        </tr>
      ))}
    </AdminTable>
  );
}

export function LeasesTable({ leases, money, now }: { leases: Leases; money: Money; now: Date }) {
  return (
    <AdminTable
      columns={[{ label: "Team" }, { label: "Instance" }, { label: "Remaining", right: true }, { label: "Expires" }]}
      cell={cell}
      testId="system-credit-leases-table"
    >
      {leases.largest.map((lease) => (
        <tr key={lease.id}>
          <td className={cell}>
            <TeamLink slug={lease.team.slug} />
          </td>
          <td className={`${cell} font-mono text-xs`}>{lease.instanceId}</td>
          <td className={`${cell} text-right tabular-nums`}>{money(lease.remaining)}</td>
          <td className={`${cell} tabular-nums`}>
            {lease.expiresAt < now ? <Badge tone="amber">expired</Badge> : `in ${duration(lease.expiresAt.getTime() - now.getTime())}`}
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}

export function WebhookTeamsTable({ webhooks, now }: { webhooks: Webhooks; now: Date }) {
  return (
    <AdminTable
      columns={[
        { label: "Team" },
        { label: "Pending", right: true },
        { label: "Oldest pending" },
        { label: "Failed (24 hours)", right: true },
      ]}
      cell={cell}
      testId="system-webhooks-table"
    >
      {webhooks.teams.map((team) => (
        <tr key={team.slug}>
          <td className={cell}>
            <TeamLink slug={team.slug} /> <span className="text-slate-500">{team.name}</span>
          </td>
          <td className={`${cell} text-right tabular-nums`}>{team.pending}</td>
          <td className={`${cell} tabular-nums`}>{team.oldest ? duration(now.getTime() - team.oldest.getTime()) : "–"}</td>
          <td className={`${cell} text-right tabular-nums`}>{team.failed}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
