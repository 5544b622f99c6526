import type { CreditMovement } from "@/lib/billing/ledger/list-credit-movements";

/** How each kind of credit movement reads on a page (usage rows are shown summarised instead). */
export const KIND_LABELS: Record<CreditMovement["kind"], string> = {
  TOPUP: "Top-up",
  AUTO_RECHARGE: "Auto-recharge",
  GRANT: "Grant",
  ADJUSTMENT: "Adjustment",
  PAYMENT_REFUND: "Payment refund",
};

export const utcDateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
