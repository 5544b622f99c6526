"use client";
// Approve, or reject with a reason the team reads, for one row of the approvals list. The actions
// and their result live in the DecisionBoard around the list.
import { Field, SubmitButton } from "@/components/ui/form";
import { useDecisions } from "@/components/admin/approvals/decision-board";

export function DecisionForms({ id, label }: { id: string; label: string }) {
  const { approve, reject, rejected } = useDecisions();
  // Only the row the failed rejection came from shows its field error and keeps the text.
  const mine = !rejected.ok && rejected.values?.id === id;
  return (
    <div className="space-y-3">
      <form action={approve} aria-label={`Approve ${label}`}>
        <input type="hidden" name="id" value={id} />
        <SubmitButton size="sm" pendingLabel="Approving…">
          Approve
        </SubmitButton>
      </form>
      <form action={reject} aria-label={`Reject ${label}`} className="space-y-2" noValidate>
        <input type="hidden" name="id" value={id} />
        <Field
          id={`reason-${id}`}
          label="Reason for rejecting"
          name="reason"
          maxLength={500}
          required
          placeholder="e.g. This plan is for partners only"
          defaultValue={mine ? rejected.values?.reason : undefined}
          error={mine ? rejected.fieldErrors?.reason : undefined}
          hint="The team reads it. Up to 500 characters."
        />
        <SubmitButton size="sm" variant="danger" pendingLabel="Rejecting…">
          Reject
        </SubmitButton>
      </form>
    </div>
  );
}
