// lib/notifications/deliver-webhooks.ts: signed POSTs to a real receiver, retries with backoff on a
// moved clock (no sleeping), and giving up after six attempts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueTeamWebhook } from "@/lib/notifications/enqueue-team-webhook";
import { deliverDueWebhooks } from "@/lib/notifications/deliver-webhooks";
import { generateWebhookSecret } from "@/lib/notifications/team-webhook-secret";
import { createTeamWithOwner } from "../factories";
import { startWebhookReceiver, verifySignature } from "./webhook-receiver";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => void (receiver = await startWebhookReceiver()));
afterAll(() => receiver.close());

async function teamWithWebhook() {
  const { team, owner } = await createTeamWithOwner();
  await db.team.update({ where: { id: team.id }, data: { webhookUrl: receiver.url } });
  const secret = await generateWebhookSecret(team.id, owner.id);
  return { team, secret };
}

const row = (teamId: string) => db.webhookDelivery.findFirstOrThrow({ where: { teamId } });
const at = (base: Date, ms: number) => () => new Date(base.getTime() + ms);

describe("team webhook delivery", () => {
  it("sends a signed JSON POST with the event and delivery id", async () => {
    const { team, secret } = await teamWithWebhook();
    expect(await enqueueTeamWebhook(team.id, "balance.low", { type: "balance.low", team: { id: team.id } })).toBe(true);
    const before = receiver.received.length;
    await deliverDueWebhooks(50);
    const delivery = await row(team.id);
    const request = receiver.received.slice(before).find((r) => r.headers["tollgate-delivery"] === delivery.id)!;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["tollgate-event"]).toBe("balance.low");
    expect(verifySignature(request.headers["tollgate-signature"] as string, request.body, secret)).toBe(true);
    expect(verifySignature(request.headers["tollgate-signature"] as string, request.body, "wrong")).toBe(false);
    expect(JSON.parse(request.body)).toEqual({ type: "balance.low", team: { id: team.id } });
    expect(delivery).toMatchObject({ status: "SENT", attempts: 1, lastStatus: 200, lastError: null });
  });

  it("queues nothing for a team without a URL or a secret", async () => {
    const { team } = await createTeamWithOwner();
    await db.team.update({ where: { id: team.id }, data: { webhookUrl: receiver.url } });
    expect(await enqueueTeamWebhook(team.id, "balance.low", {})).toBe(false);
    expect(await db.webhookDelivery.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("retries a failing receiver with backoff, then succeeds", async () => {
    const { team } = await teamWithWebhook();
    await enqueueTeamWebhook(team.id, "balance.low", { n: 1 });
    const t0 = new Date();
    receiver.respondWith(500);
    await deliverDueWebhooks(50, at(t0, 0));
    expect(await row(team.id)).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastStatus: 500,
      nextAttemptAt: new Date(t0.getTime() + 30_000),
    });

    await deliverDueWebhooks(50, at(t0, 10_000)); // not due yet
    expect((await row(team.id)).attempts).toBe(1);

    receiver.respondWith(503);
    await deliverDueWebhooks(50, at(t0, 30_000));
    expect(await row(team.id)).toMatchObject({
      status: "PENDING",
      attempts: 2,
      lastStatus: 503,
      nextAttemptAt: new Date(t0.getTime() + 30_000 + 120_000),
    });

    await deliverDueWebhooks(50, at(t0, 150_000));
    expect(await row(team.id)).toMatchObject({ status: "SENT", attempts: 3, lastStatus: 200 });
  });

  it("gives up after six attempts", async () => {
    const { team } = await teamWithWebhook();
    await enqueueTeamWebhook(team.id, "balance.low", { n: 2 });
    const t0 = new Date();
    for (let attempt = 1; attempt <= 6; attempt++) {
      receiver.respondWith(500);
      await deliverDueWebhooks(50, at(t0, attempt * 7 * 3_600_000));
    }
    await deliverDueWebhooks(50, at(t0, 100 * 3_600_000)); // a FAILED row is never tried again
    expect(await row(team.id)).toMatchObject({ status: "FAILED", attempts: 6, lastStatus: 500 });
  });
});
