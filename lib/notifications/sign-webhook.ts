// The signature a team's receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
// the same scheme as Stripe's, so receivers can reuse what they know. The timestamp inside the
// signed string lets them refuse replays of old deliveries.
import crypto from "node:crypto";

export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  const digest = crypto.createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${digest}`;
}
