"use client";
// Holds the approve and reject actions for the whole approvals list, so the result of a decision
// stays on screen after its row leaves the refreshed list. Rows post through this context; a
// rejection's field error comes back to the row it was posted from.
import { createContext, use, useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { FormMessage } from "@/components/ui/form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Decisions = { approve: (formData: FormData) => void; reject: (formData: FormData) => void; rejected: ActionState };

const DecisionContext = createContext<Decisions | null>(null);

export function useDecisions(): Decisions {
  const decisions = use(DecisionContext);
  if (!decisions) throw new Error("useDecisions outside a DecisionBoard");
  return decisions;
}

export function DecisionBoard({ actions, children }: { actions: { approve: Action; reject: Action }; children: React.ReactNode }) {
  const [approved, approve] = useActionState(actions.approve, {});
  const [rejected, reject] = useActionState(actions.reject, {});
  const [last, setLast] = useState<"approve" | "reject">("approve");
  const decisions: Decisions = {
    approve: (formData) => {
      setLast("approve");
      approve(formData);
    },
    reject: (formData) => {
      setLast("reject");
      reject(formData);
    },
    rejected,
  };
  return (
    <DecisionContext value={decisions}>
      <div className="mb-4 empty:hidden">
        <FormMessage state={last === "reject" ? rejected : approved} />
      </div>
      {children}
    </DecisionContext>
  );
}
