// Team webhooks to private, loopback or link-local addresses, with ALLOW_PRIVATE_UPSTREAMS off
// (the test setup turns it on for every other file): refused when the URL is saved, and refused
// again at delivery (failed at once, nothing sent), since the URL may predate the rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateAlertSettings } from "@/lib/billing/alerts/alert-settings";
import { enqueueTeamWebhook } from "@/lib/notifications/enqueue-team-webhook";
import { deliverDueWebhooks } from "@/lib/notifications/deliver-webhooks";
import { generateWebhookSecret } from "@/lib/notifications/team-webhook-secret";
import { createTeamWithOwner } from "../factories";
import { startWebhookReceiver } from "./webhook-receiver";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let savedFlag: string | undefined;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  savedFlag = process.env.ALLOW_PRIVATE_UPSTREAMS;
  process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
});
afterAll(async () => {
  process.env.ALLOW_PRIVATE_UPSTREAMS = savedFlag;
  await receiver.close();
});

/** A team whose stored URL skipped the save-time check (saved before the rule, or with the flag on). */
async function queuedDelivery(webhookUrl: string) {
  const { team, owner } = await createTeamWithOwner();
  await db.team.update({ where: { id: team.id }, data: { webhookUrl } });
  await generateWebhookSecret(team.id, owner.id);
  expect(await enqueueTeamWebhook(team.id, "balance.low", { type: "balance.low" })).toBe(true);
  return team;
}

describe("webhook destinations", () => {
  it("fails a delivery to a loopback literal at once, sending nothing", async () => {
    const team = await queuedDelivery(receiver.url);
    const before = receiver.received.length;
    await deliverDueWebhooks(50);
    expect(receiver.received.length).toBe(before);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { teamId: team.id } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastStatus: null,
      lastError: "Not sent: 127.0.0.1 is a loopback address. Webhook URLs must be public unless ALLOW_PRIVATE_UPSTREAMS=true.",
    });
  });

  it("fails a delivery to a name resolving to loopback, and to the cloud metadata address", async () => {
    const port = new URL(receiver.url).port;
    const local = await queuedDelivery(`http://localhost:${port}/hooks`);
    const metadata = await queuedDelivery("http://169.254.169.254/latest/meta-data/");
    const before = receiver.received.length;
    await deliverDueWebhooks(50);
    expect(receiver.received.length).toBe(before);
    const rows = await db.webhookDelivery.findMany({ where: { teamId: { in: [local.id, metadata.id] } } });
    const byTeam = new Map(rows.map((row) => [row.teamId, row]));
    expect(byTeam.get(local.id)).toMatchObject({
      status: "FAILED",
      lastError: expect.stringMatching(/^Not sent: "localhost" resolves to .*loopback/),
    });
    expect(byTeam.get(metadata.id)).toMatchObject({
      status: "FAILED",
      lastError: expect.stringMatching(/169\.254\.169\.254 is a link-local address/),
    });
  });

  it("retries a name that does not resolve: DNS may answer later", async () => {
    const team = await queuedDelivery("https://no-such-receiver.invalid/hooks");
    await deliverDueWebhooks(50);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { teamId: team.id } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: expect.stringMatching(/does not resolve/),
    });
    // Files in one worker share the database (each with its own encryption key), and the other
    // delivery tests move the clock hours ahead: leave no pending row behind for them to claim.
    await db.webhookDelivery.updateMany({ where: { teamId: team.id }, data: { status: "FAILED" } });
  });

  it("delivers to the same receiver when ALLOW_PRIVATE_UPSTREAMS is true", async () => {
    const team = await queuedDelivery(receiver.url);
    process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
    try {
      await deliverDueWebhooks(50);
    } finally {
      process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
    }
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { teamId: team.id } })).toMatchObject({ status: "SENT", lastStatus: 200 });
  });

  it("refuses a private webhook URL when the settings are saved, as a field error", async () => {
    const { team, owner } = await createTeamWithOwner();
    await expect(updateAlertSettings(team.id, { lowBalanceThreshold: "5", webhookUrl: receiver.url }, owner.id)).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(/^127\.0\.0\.1 is a loopback address\. Webhook URLs must be public/),
      fieldErrors: { webhookUrl: expect.stringMatching(/loopback/) },
    });
    await expect(
      updateAlertSettings(team.id, { lowBalanceThreshold: "5", webhookUrl: "http://localhost:8080/x" }, owner.id),
    ).rejects.toMatchObject({
      fieldErrors: { webhookUrl: expect.stringMatching(/"localhost" resolves to/) },
    });
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ webhookUrl: null, lowBalanceThreshold: null });

    await updateAlertSettings(team.id, { lowBalanceThreshold: "5", webhookUrl: "https://93.184.216.34/hooks" }, owner.id);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).webhookUrl).toBe("https://93.184.216.34/hooks");
  });
});
