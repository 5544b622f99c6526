"use server";
// API keys. teamAction checks membership of the posted team; the domain functions check the finer
// rules (members manage only their own keys, only admins grant management API access).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import type { Actor } from "@/lib/audit/actor";
import type { TeamContext } from "@/lib/teams/team-access";
import { createApiKey } from "@/lib/keys/create-api-key";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { rotateApiKey } from "@/lib/keys/rotate-api-key";
import { updateApiKey } from "@/lib/keys/update-api-key";
import { revokeTeamGrant } from "@/lib/oauth/team-grants";
import { GRACE_OPTIONS, GRACE_VALUES } from "@/components/keys/grace-options";
import { editKeyFormSchema, keyFormSchema, toCreateInput, toUpdateInput } from "./key-form";

const byId = z.object({ id: z.string().min(1).max(64) });
const actorOf = (ctx: TeamContext): Actor => ({ type: "USER", userId: ctx.userId });
const refresh = (slug: string) => revalidatePath(`/${slug}/keys`);

export const createKeyAction = teamAction("MEMBER", keyFormSchema, async (ctx, form) => {
  const { key, apiKey } = await createApiKey(ctx.team.id, toCreateInput(form), actorOf(ctx));
  refresh(ctx.team.slug);
  return { message: `Key “${apiKey.name}” created.`, reveal: key };
});

export const revokeKeyAction = teamAction("MEMBER", byId, async (ctx, { id }) => {
  const apiKey = await revokeApiKey(ctx.team.id, id, actorOf(ctx));
  refresh(ctx.team.slug);
  return { message: `Key “${apiKey.name}” revoked.` };
});

export const updateKeyAction = teamAction("MEMBER", editKeyFormSchema, async (ctx, form) => {
  const apiKey = await updateApiKey(ctx.team.id, form.id, toUpdateInput(form), actorOf(ctx));
  refresh(ctx.team.slug);
  return { message: `Key “${apiKey.name}” saved.` };
});

const rotateForm = byId.extend({ grace: z.enum(GRACE_VALUES) });

export const rotateKeyAction = teamAction("MEMBER", rotateForm, async (ctx, { id, grace }) => {
  const { key } = await rotateApiKey(ctx.team.id, id, { graceSeconds: Number(grace) }, actorOf(ctx));
  refresh(ctx.team.slug);
  const after = GRACE_OPTIONS.find((option) => option.seconds === grace)?.after ?? "";
  return { message: `Key rotated. ${after}`, reveal: key };
});

export const revokeGrantAction = teamAction("MEMBER", byId, async (ctx, { id }) => {
  const { clientName } = await revokeTeamGrant(ctx.team.id, id, actorOf(ctx));
  refresh(ctx.team.slug);
  return { message: `MCP sign-in “${clientName}” revoked.` };
});
