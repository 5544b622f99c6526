"use server";
// Low-balance alerts and the team webhook (owners and admins), auto-recharge (owners only: it
// spends money on the saved card). Roles are checked here by teamAction, whatever the page showed.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { alertSettingsSchema, updateAlertSettings } from "@/lib/billing/alerts/alert-settings";
import { autoRechargeSettingsSchema, updateAutoRecharge } from "@/lib/billing/auto-recharge/auto-recharge-settings";
import { generateWebhookSecret } from "@/lib/notifications/team-webhook-secret";

export const saveAlertSettingsAction = teamAction("ADMIN", alertSettingsSchema, async (ctx, input) => {
  await updateAlertSettings(ctx.team.id, input, ctx.userId);
  revalidatePath(`/${ctx.team.slug}/billing`);
  return { message: "Alert settings saved." };
});

export const generateWebhookSecretAction = teamAction("ADMIN", z.object({}), async (ctx) => {
  const secret = await generateWebhookSecret(ctx.team.id, ctx.userId);
  return { message: "New signing secret. Copy it now: it is not shown again.", reveal: secret };
});

export const saveAutoRechargeAction = teamAction("OWNER", autoRechargeSettingsSchema, async (ctx, input) => {
  await updateAutoRecharge(ctx.team.id, input, ctx.userId);
  revalidatePath(`/${ctx.team.slug}/billing`);
  return { message: input.enabled ? "Auto-recharge is on." : "Auto-recharge settings saved; it is off." };
});
