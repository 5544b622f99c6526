"use server";
// The consent decision. Every authorization parameter comes back from the form and is checked again
// by lib/oauth/consent; the browser then goes to the client's registered redirect URI.
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { AUTHORIZATION_PARAMS } from "@/lib/oauth/authorization-request";
import { allowAuthorization, denyAuthorization } from "@/lib/oauth/consent";

const consentForm = z.looseObject({ decision: z.enum(["allow", "deny"]) });

export const consentAction = userAction(consentForm, async (user, input) => {
  const params = new URLSearchParams();
  for (const name of AUTHORIZATION_PARAMS) {
    const value = input[name];
    if (typeof value === "string" && value !== "") params.set(name, value);
  }
  const outcome =
    input.decision === "allow"
      ? await allowAuthorization(user.id, params, { team: input.team, spendCap: input.spendCap ?? "", expiry: input.expiry })
      : await denyAuthorization(params);
  if ("invalid" in outcome) return { ok: false, error: outcome.invalid };
  redirect(outcome.redirectTo);
});
