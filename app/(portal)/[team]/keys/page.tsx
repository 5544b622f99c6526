import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { db } from "@/lib/db";
import { EmptyState, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "API keys" };

export default async function KeysPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  const keys = await db.apiKey.findMany({
    where: { teamId: ctx.team.id, revokedAt: null },
    select: { id: true, name: true, prefix: true, lastFour: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "desc" },
  });
  return (
    <>
      <PageHeader title="API keys" description="Team keys authenticate calls to the gateway. A key is shown once, when it is created." />
      {keys.length === 0 ? (
        <EmptyState title="This team has no API keys yet">Creating keys arrives with the gateway release.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {keys.map((key) => (
            <li key={key.id} className="flex justify-between px-4 py-3 text-sm">
              <span className="font-medium">{key.name}</span>
              <code className="text-slate-600">
                {key.prefix}…{key.lastFour}
              </code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
