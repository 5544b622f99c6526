import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { listAdminUsers, parseUserStatus, USER_STATUSES } from "@/lib/admin/list-admin-users";
import { textParam } from "@/lib/http/search-params";
import { parsePage } from "@/lib/http/pagination";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ledger/pager";
import { ListFilterForm } from "@/components/admin/list-filter-form";
import { AdminUsersTable } from "@/components/admin/admin-users-table";
import { hrefWith } from "@/components/usage/usage-format";
import { disableUserAction, enableUserAction, grantAdminAction, revokeAdminAction } from "./actions";

export const metadata: Metadata = { title: "Users · Admin" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const params = await searchParams;
  const query = textParam(params.q, 254);
  const status = parseUserStatus(params.status);
  const users = await listAdminUsers({ query, status, page: parsePage(params.page) });
  const hrefFor = (page: number) =>
    hrefWith("/admin/users", { q: query, status: status === "all" ? undefined : status, page: page > 1 ? String(page) : undefined });
  return (
    <>
      <PageHeader
        title="Users"
        description="Every account. Disabling one signs it out at once and refuses its sign-in until it is enabled again; its teams, keys and balance stay as they are. Each change needs a reason and is audit-logged."
      />
      <Card>
        <ListFilterForm
          searchLabel="Find a user"
          placeholder="Email or name"
          query={query}
          select={{ label: "Status", name: "status", value: status, options: USER_STATUSES }}
        />
        {users.rows.length === 0 ? (
          <EmptyState
            title={users.page > 1 ? "No more users" : query || status !== "all" ? "No user matches these filters" : "No users yet"}
          />
        ) : (
          <AdminUsersTable
            rows={users.rows}
            currentUserId={admin.id}
            actions={{ disable: disableUserAction, enable: enableUserAction, grantAdmin: grantAdminAction, revokeAdmin: revokeAdminAction }}
          />
        )}
        <Pager label="Users pages" page={users.page} hasPrevious={users.hasPrevious} hasNext={users.hasNext} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
