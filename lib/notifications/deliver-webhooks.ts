// The team webhook delivery worker. Due rows are claimed with FOR UPDATE SKIP LOCKED and leased
// (nextAttemptAt pushed ahead) in one statement, so several instances never send the same row at
// once, and a crash mid-send only delays the row until the lease ends. Sends happen outside any
// transaction. `now` is injectable so tests can move the clock instead of sleeping. A URL that
// points at a private, loopback or link-local address is never called: checked before sending,
// and again at connect time through guardedLookup (the name may resolve elsewhere by then).
import { Agent, fetch } from "undici";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { connectPolicy, forbiddenDestinationIn, guardedLookup } from "@/lib/net/guarded-lookup";
import { inspectOutboundUrl } from "@/lib/net/outbound-url";
import { signWebhookBody } from "@/lib/notifications/sign-webhook";
import { nextAttemptAfter } from "@/lib/notifications/webhook-backoff";
import { countWebhookDelivery } from "@/lib/metrics/billing-metrics";

const TIMEOUT_MS = 5_000;
const LEASE = "5 minutes";

type Claimed = { id: string; teamId: string; event: string; url: string; payload: unknown; attempts: number };

async function claimDue(limit: number, now: Date): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries SET attempts = attempts + 1, "nextAttemptAt" = ${now}::timestamptz + ${LEASE}::interval
    WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
                 ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "teamId", event, url, payload, attempts`;
}

/** `final`: retrying cannot help (the URL is not allowed), so the delivery fails now. */
type Outcome = { ok: boolean; status: number | null; error: string | null; final?: boolean };

const globalAgents = globalThis as typeof globalThis & { __tollgateWebhookAgent?: Agent };
const guardedAgent = (globalAgents.__tollgateWebhookAgent ??= new Agent({ connect: { lookup: guardedLookup } }));

/** A refusal before anything is sent; a name that does not resolve is retried like any failure. */
async function refusal(url: string): Promise<Outcome | null> {
  const refused = await inspectOutboundUrl(url, "webhook");
  if (!refused) return null;
  return { ok: false, status: null, error: `Not sent: ${refused.reason}`, final: refused.kind !== "unresolved" };
}

async function send(row: Claimed, now: Date): Promise<Outcome> {
  const team = await db.team.findUnique({ where: { id: row.teamId }, select: { webhookSecretEncrypted: true } });
  if (!team?.webhookSecretEncrypted) return { ok: false, status: null, error: "the team has no signing secret" };
  const refused = await refusal(row.url);
  if (refused) return refused;
  const body = JSON.stringify(row.payload);
  const signature = signWebhookBody(decryptSecret(team.webhookSecretEncrypted), body, Math.floor(now.getTime() / 1000));
  try {
    const response = await fetch(row.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "tollgate-signature": signature,
        "tollgate-event": row.event,
        "tollgate-delivery": row.id,
      },
      body,
      redirect: "manual", // a redirect is not an acknowledgement
      signal: AbortSignal.timeout(TIMEOUT_MS),
      dispatcher: connectPolicy(row.url) === "open" ? undefined : guardedAgent,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const forbidden = forbiddenDestinationIn(error);
    if (forbidden) return { ok: false, status: null, error: `Not sent: ${forbidden.message}`, final: true };
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function record(row: Claimed, outcome: Outcome, now: Date): Promise<void> {
  const base = { lastStatus: outcome.status, lastError: outcome.error?.slice(0, 500) ?? null };
  if (outcome.ok) {
    countWebhookDelivery("sent");
    await db.webhookDelivery.update({ where: { id: row.id }, data: { ...base, status: "SENT", deliveredAt: now } });
    return;
  }
  const next = outcome.final ? null : nextAttemptAfter(row.attempts, now);
  countWebhookDelivery(next ? "retry" : "failed");
  await db.webhookDelivery.update({ where: { id: row.id }, data: next ? { ...base, nextAttemptAt: next } : { ...base, status: "FAILED" } });
}

/** Sends up to `limit` due deliveries; resolves with how many were attempted. */
export async function deliverDueWebhooks(limit = 20, now: () => Date = () => new Date()): Promise<number> {
  const rows = await claimDue(limit, now());
  await Promise.all(
    rows.map(async (row) => {
      const outcome = await send(row, now());
      await record(row, outcome, now());
    }),
  );
  return rows.length;
}
