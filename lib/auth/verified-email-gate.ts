// REQUIRE_VERIFIED_EMAIL: with the setting on, a person must have verified their address before they
// create keys, top up or accept an invitation. Checked in the domain functions those doors share
// (the portal's actions and the management API alike), never only in a page. A team key acting on
// the management API stands for the person who created it; the admin token and the system are not
// people and pass.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireVerifiedEmail } from "@/lib/env";
import type { Actor } from "@/lib/audit/actor";

export type GatedActivity = "create API keys" | "top up credit" | "accept an invitation";

const refusal = (activity: GatedActivity, who: "you" | "key-creator") =>
  new AppError(
    "forbidden",
    who === "you"
      ? `Verify your email address before you ${activity}: open the link we emailed you, or send a new one from the banner at the top of the page.`
      : `This installation requires a verified email address to ${activity}, and the person who created this key has not verified theirs.`,
  );

/** Throws 403 when the setting is on and the person behind `actor` has no verified address. */
export async function requireVerifiedEmailFor(actor: Actor | { type: "USER"; userId: string }, activity: GatedActivity): Promise<void> {
  if (!requireVerifiedEmail()) return;
  if (actor.type === "USER") {
    const user = await db.user.findUnique({ where: { id: actor.userId }, select: { emailVerified: true } });
    if (!user?.emailVerified) throw refusal(activity, "you");
  } else if (actor.type === "API_KEY") {
    const key = await db.apiKey.findUnique({ where: { id: actor.keyId }, select: { createdBy: { select: { emailVerified: true } } } });
    if (key?.createdBy && !key.createdBy.emailVerified) throw refusal(activity, "key-creator");
  }
}
