import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { listAdminTeams, parseTeamSort, TEAM_SORTS } from "@/lib/admin/list-admin-teams";
import { textParam } from "@/lib/http/search-params";
import { parsePage } from "@/lib/http/pagination";
import { currency } from "@/lib/money";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ledger/pager";
import { ListFilterForm } from "@/components/admin/list-filter-form";
import { AdminTeamsTable } from "@/components/admin/admin-teams-table";
import { hrefWith } from "@/components/usage/usage-format";

export const metadata: Metadata = { title: "Teams · Admin" };

const SORT_OPTIONS = Object.fromEntries(Object.entries(TEAM_SORTS).map(([key, sort]) => [key, sort.label]));

export default async function AdminTeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const params = await searchParams;
  const query = textParam(params.q, 100);
  const sort = parseTeamSort(params.sort);
  const teams = await listAdminTeams({ query, sort, page: parsePage(params.page) });
  const hrefFor = (page: number) =>
    hrefWith("/admin/teams", { q: query, sort: sort === "created" ? undefined : sort, page: page > 1 ? String(page) : undefined });
  return (
    <>
      <PageHeader title="Teams" description="Every team with its balance, members, active subscriptions and calls over the last 30 days." />
      <Card>
        <ListFilterForm
          searchLabel="Find a team"
          placeholder="Name or slug"
          query={query}
          select={{ label: "Sort by", name: "sort", value: sort, options: SORT_OPTIONS }}
        />
        {teams.rows.length === 0 ? (
          <EmptyState title={teams.page > 1 ? "No more teams" : query ? `No team matches “${query}”` : "No teams yet"}>
            {query ? "Search by part of the name or slug." : null}
          </EmptyState>
        ) : (
          <AdminTeamsTable rows={teams.rows} currency={currency()} />
        )}
        <Pager label="Teams pages" page={teams.page} hasPrevious={teams.hasPrevious} hasNext={teams.hasNext} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
