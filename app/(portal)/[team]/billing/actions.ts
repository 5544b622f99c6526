"use server";
// Top-ups. Admins and owners start a Checkout for an amount decided here, on the server; the
// browser is then sent to Stripe's hosted page. Only owners may save the card for auto-recharge.
import { redirect } from "next/navigation";
import { teamAction } from "@/lib/auth/action";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-top-up-checkout";
import { topUpFormSchema } from "@/lib/billing/stripe/top-up-amounts";
import { requestCredit, requestCreditSchema } from "@/lib/billing/request-credit";
import { currency, formatMoney } from "@/lib/money";

export const startTopUpAction = teamAction("ADMIN", topUpFormSchema, async (ctx, form) => {
  const saveCard = form.saveCard && ctx.role === "OWNER";
  const { url } = await createTopUpCheckout(ctx.team.id, { amountMicros: form.amountMicros, saveCard }, ctx.userId);
  redirect(url);
});

/** Any member may ask (installations without Stripe top-ups); platform admins grant it from /admin. */
export const requestCreditAction = teamAction("MEMBER", requestCreditSchema, async (ctx, form) => {
  const { amount, admins } = await requestCredit(ctx.team.id, ctx.userId, form);
  const who = admins === 1 ? "the platform admin" : `the ${admins} platform admins`;
  return {
    message: `Request sent: ${formatMoney(amount, currency())} for ${ctx.team.name}. We told ${who}; the credit shows here once granted.`,
  };
});
