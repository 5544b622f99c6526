import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { parseAuditFilters } from "@/lib/admin/audit-filters";
import { textParam } from "@/lib/http/search-params";
import { listAuditLog } from "@/lib/admin/list-audit-log";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { AuditFilterForm } from "@/components/admin/audit-filter-form";
import { AuditTable } from "@/components/admin/audit-table";
import { hrefWith } from "@/components/usage/usage-format";

export const metadata: Metadata = { title: "Audit log · Admin" };

const UNKNOWN = { actor: "No user has this email, so nothing matches.", team: "No team has this slug, so nothing matches." };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const params = await searchParams;
  const { input, filters, errors } = parseAuditFilters(params);
  const valid = Object.keys(errors).length === 0;
  const cursor = textParam(params.before, 200) || undefined;
  const audit = valid ? await listAuditLog(filters, { cursor }) : null;
  const filtered = Object.values(input).some(Boolean);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, newest first, 50 a page. Times are UTC. An action filter like api. matches every api.* action."
      />
      <Card>
        <AuditFilterForm input={input} errors={errors} />
      </Card>
      <Card className="mt-6">
        {!audit ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            Fix the highlighted filters to see the log.
          </p>
        ) : audit.rows.length === 0 ? (
          <EmptyState title={cursor ? "No older entries" : filtered ? "No entries match these filters" : "Nothing audited yet"}>
            {audit.unknown ? UNKNOWN[audit.unknown] : null}
          </EmptyState>
        ) : (
          <AuditTable rows={audit.rows} />
        )}
        {audit && (cursor || audit.nextCursor) ? (
          <nav aria-label="Audit log pages" className="mt-3 flex items-center justify-between text-sm">
            {cursor ? (
              <Link
                href={hrefWith("/admin/audit", input)}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
              >
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {audit.nextCursor ? (
              <Link
                href={hrefWith("/admin/audit", { ...input, before: audit.nextCursor })}
                rel="next"
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
              >
                Older →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
