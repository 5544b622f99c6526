// The plans of an API as a visitor compares them: price, rate limit, body size, approval and what
// happens to the charge when the upstream fails.
import Link from "next/link";
import type { PublishedApi } from "@/lib/catalog/get-published-api";
import { currency, formatMoney } from "@/lib/money";
import { EmptyState } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table-scroll";

type Plan = PublishedApi["plans"][number];

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString("en")} bytes`;
}

export function formatWindow(seconds: number): string {
  if (seconds === 1) return "second";
  if (seconds === 60) return "minute";
  if (seconds === 3600) return "hour";
  if (seconds === 86_400) return "day";
  return `${seconds.toLocaleString("en")} s`;
}

const CHARGE_POLICY: Record<Plan["chargePolicy"], string> = {
  REFUND_ON_UPSTREAM_FAILURE: "Refunded when the API fails (connection error, timeout or 5xx)",
  ALWAYS_CHARGE: "Charged whatever the API answers (never when it cannot be reached)",
};

/** For a signed-in user with a team: a Subscribe link per plan, or "Subscribed" on the plan the team holds. */
type PlanActions = { hrefFor: (planSlug: string) => string; heldPlan: string | null; held: "ACTIVE" | "PENDING" | null; open: boolean };

export function PlansTable({ plans, actions }: { plans: Plan[]; actions?: PlanActions }) {
  if (plans.length === 0) return <EmptyState title="No plans are open for subscription yet" />;
  return (
    <TableScroll className="rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Plans and prices</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Plan
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Price per call
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Rate limit per key
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Max request body
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Approval
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Failed calls
            </th>
            {actions ? (
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Subscribe</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {plans.map((plan) => (
            <tr key={plan.id} data-testid="plan-row">
              <th scope="row" className="px-4 py-3 align-top font-medium text-slate-900">
                {plan.name}
                {plan.description ? <p className="mt-1 font-normal text-slate-500">{plan.description}</p> : null}
              </th>
              <td className="px-4 py-3 align-top">{plan.pricePerCall === 0n ? "Free" : formatMoney(plan.pricePerCall, currency(), 2)}</td>
              <td className="px-4 py-3 align-top">
                {plan.rateLimit.toLocaleString("en")} per {formatWindow(plan.rateLimitWindowSec)}
              </td>
              <td className="px-4 py-3 align-top">{formatBytes(plan.maxRequestBytes)}</td>
              <td className="px-4 py-3 align-top">
                {plan.requiresApproval ? "Required: an admin approves each subscription" : "Not required"}
              </td>
              <td className="px-4 py-3 align-top text-slate-600">{CHARGE_POLICY[plan.chargePolicy]}</td>
              {actions ? <PlanAction plan={plan} actions={actions} /> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function PlanAction({ plan, actions }: { plan: Plan; actions: PlanActions }) {
  if (actions.heldPlan === plan.slug) {
    return (
      <td className="whitespace-nowrap px-4 py-3 align-top font-medium text-emerald-700" data-testid="plan-subscribed">
        {actions.held === "PENDING" ? "Pending approval" : "Subscribed"}
      </td>
    );
  }
  if (!actions.open) return <td className="px-4 py-3" />;
  return (
    <td className="whitespace-nowrap px-4 py-3 align-top">
      <Link
        href={actions.hrefFor(plan.slug)}
        className="font-medium text-brand-600 hover:underline"
        // The name starts with the visible words (WCAG 2.5.3: speech users say what they see).
        aria-label={actions.heldPlan ? `Switch to this plan: ${plan.name}` : `Subscribe to the ${plan.name} plan`}
      >
        {actions.heldPlan ? "Switch to this plan" : "Subscribe"}
      </Link>
    </td>
  );
}
