// The billing page's top-up block. Who sees the form is decided here for display only; the server
// action checks the role again (teamAction "ADMIN", owners alone may save the card).
import type { ActionState } from "@/lib/auth/action";
import type { TeamContext } from "@/lib/teams/team-access";
import { hasRole } from "@/lib/teams/roles";
import { adminGrantMax } from "@/lib/env";
import { currency, formatMoney } from "@/lib/money";
import { isStripeConfigured } from "@/lib/billing/stripe/stripe-client";
import { topUpFormView } from "@/components/billing/top-up-form-view";
import { TopUpCard } from "@/components/billing/top-up-card";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Props = { ctx: TeamContext; action: Action; requestCredit: Action; viewerIsPlatformAdmin: boolean };

export function TopUpSection({ ctx, action, requestCredit, viewerIsPlatformAdmin }: Props) {
  return (
    <div className="mt-6">
      <TopUpCard
        configured={isStripeConfigured()}
        canTopUp={hasRole(ctx.role, "ADMIN")}
        form={{ ...topUpFormView(), action, team: ctx.team.slug, canSaveCard: ctx.role === "OWNER" }}
        request={{ action: requestCredit, maxAmount: formatMoney(adminGrantMax(), currency()), viewerIsPlatformAdmin }}
      />
    </div>
  );
}
