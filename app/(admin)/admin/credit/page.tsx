import crypto from "node:crypto";
import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { searchTeams } from "@/lib/admin/search-teams";
import { listCreditGrants } from "@/lib/admin/list-credit-grants";
import { currency, formatMoney } from "@/lib/money";
import { adminGrantMax } from "@/lib/env";
import { Card, PageHeader } from "@/components/ui/card";
import { CreditGrantsTable } from "@/components/admin/credit-grants-table";
import { GrantCreditForm } from "@/components/admin/grant-credit-form";
import { TeamSearchForm } from "@/components/admin/team-search-form";
import { grantCreditAction } from "./actions";

export const metadata: Metadata = { title: "Credit · Admin" };

function searchSummary(query: string, found: number): string {
  if (!query) return found === 0 ? "No teams yet." : "Newest teams shown; search to find others.";
  if (found === 0) return `No team matches “${query}”.`;
  return `${found} ${found === 1 ? "team matches" : "teams match"} “${query}”.`;
}

export default async function AdminCreditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const { q, amount, reason } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 100) : "";
  // A credit request's link (lib/notifications/notify-credit-request.ts) fills the form; the admin still confirms.
  const prefill = {
    amount: typeof amount === "string" ? amount.slice(0, 30) : undefined,
    reason: typeof reason === "string" ? reason.slice(0, 500) : undefined,
  };
  const [teams, grants] = await Promise.all([searchTeams(query), listCreditGrants()]);
  const unit = currency();
  return (
    <>
      <PageHeader
        title="Credit"
        description="Grant credit to a team, or correct its balance with a signed adjustment. Every change is a ledger entry the team sees, with your name and reason, and is audit-logged."
      />
      <div className="space-y-6">
        <Card title="Grant or adjust credit" className="max-w-2xl">
          <TeamSearchForm query={query} />
          <p className="mb-4 mt-2 text-xs text-slate-500" aria-live="polite">
            {searchSummary(query, teams.length)}
          </p>
          <GrantCreditForm
            action={grantCreditAction}
            teams={teams.map((team) => ({
              slug: team.slug,
              name: `${team.name} (/${team.slug})`,
              label: `${team.name} (/${team.slug}) · ${formatMoney(team.balance, unit)}`,
            }))}
            idempotencyKey={crypto.randomUUID()}
            currency={unit}
            maxAmount={formatMoney(adminGrantMax(), unit)}
            prefill={prefill}
          />
        </Card>
        <Card title="Recent grants and adjustments">
          <CreditGrantsTable rows={grants} currency={unit} />
        </Card>
      </div>
    </>
  );
}
