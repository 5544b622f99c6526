"use server";
// Top-ups. Admins and owners start a Checkout for an amount decided here, on the server; the
// browser is then sent to Stripe's hosted page. Only owners may save the card for auto-recharge.
import { redirect } from "next/navigation";
import { teamAction } from "@/lib/auth/action";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-top-up-checkout";
import { topUpFormSchema } from "@/lib/billing/stripe/top-up-amounts";

export const startTopUpAction = teamAction("ADMIN", topUpFormSchema, async (ctx, form) => {
  const saveCard = form.saveCard && ctx.role === "OWNER";
  const { url } = await createTopUpCheckout(ctx.team.id, { amountMicros: form.amountMicros, saveCard }, ctx.userId);
  redirect(url);
});
