import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { currency } from "@/lib/money";
import { listPendingApprovals } from "@/lib/subscriptions/list-pending-approvals";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { ApprovalsTable } from "@/components/admin/approvals/approvals-table";
import { DecisionBoard } from "@/components/admin/approvals/decision-board";
import { approveAction, rejectAction } from "./actions";

export const metadata: Metadata = { title: "Approvals · Admin" };

export default async function AdminApprovalsPage() {
  await requirePlatformAdmin(); // the layout checks too, but layouts do not guard every render
  const { approvals, total } = await listPendingApprovals();
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Subscriptions to plans that require approval, and plan changes of active subscriptions. Approving activates the plan; rejecting needs a reason, which the team's owners and admins receive. A team waiting on a plan change keeps its current plan meanwhile."
      />
      <p className="mb-3 text-sm text-slate-700" data-testid="approvals-count" aria-live="polite">
        {total === 0
          ? "Nothing waits for a decision."
          : `${total} ${total === 1 ? "request waits" : "requests wait"} for a decision${total > approvals.length ? `; the oldest ${approvals.length} are shown` : ""}.`}
      </p>
      <DecisionBoard actions={{ approve: approveAction, reject: rejectAction }}>
        {approvals.length === 0 ? (
          <EmptyState title="No pending approvals">
            New requests appear here, and every platform admin gets an email and a notification for each.
          </EmptyState>
        ) : (
          <ApprovalsTable approvals={approvals} currency={currency()} />
        )}
      </DecisionBoard>
    </>
  );
}
