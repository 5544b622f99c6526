// The emails the app wrote for an address (no SMTP in tests: they stay in the outbox), newest first,
// and the links in them.
import { db } from "@/lib/db";

export const outboxFor = (to: string) => db.emailOutbox.findMany({ where: { to }, orderBy: { createdAt: "desc" } });

/** The token of the newest verification link sent to `to`. */
export async function verificationTokenFor(to: string): Promise<string> {
  for (const email of await outboxFor(to)) {
    const token = /\/verify-email\?token=([\w-]+)/.exec(email.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no verification link was sent to ${to}`);
}
