import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { db } from "@/lib/db";
import { EmptyState, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  const calls = await db.usageEvent.count({ where: { teamId: ctx.team.id } });
  return (
    <>
      <PageHeader title="Usage" description="The gateway records every call made with this team's keys, refused ones included. Charts and the request log arrive with the analytics release." />
      {calls === 0 ? (
        <EmptyState title="No calls yet">Calls made through the gateway with this team's keys appear here.</EmptyState>
      ) : (
        <p className="text-sm text-slate-700">
          <strong className="tabular-nums">{calls}</strong> calls recorded so far.
        </p>
      )}
    </>
  );
}
