import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { listEmailOutbox } from "@/lib/admin/list-email-outbox";
import { parsePage } from "@/lib/http/pagination";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ledger/pager";
import { OutboxTable } from "@/components/admin/outbox-table";

export const metadata: Metadata = { title: "Email outbox · Admin" };

export default async function AdminOutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const outbox = await listEmailOutbox(parsePage((await searchParams).page));
  return (
    <>
      <PageHeader
        title="Email outbox"
        description="Every email the app sent or, without SMTP_URL, only logged (status “logged”): read invitations and notices here."
      />
      <Card>
        {outbox.rows.length === 0 ? (
          <EmptyState title={outbox.page > 1 ? "No older email" : "No email yet"} />
        ) : (
          <OutboxTable rows={outbox.rows} />
        )}
        <Pager
          label="Outbox pages"
          page={outbox.page}
          hasPrevious={outbox.hasPrevious}
          hasNext={outbox.hasNext}
          hrefFor={(page) => (page > 1 ? `/admin/outbox?page=${page}` : "/admin/outbox")}
        />
      </Card>
    </>
  );
}
