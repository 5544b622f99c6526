// Low-balance alerts through watchBalances: once per crossing, re-armed by credit, email to owners
// and admins only, an in-app notification, and a signed balance.low webhook to a real receiver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { settleBalanceWatch, watchBalances } from "@/lib/billing/balance-watch";
import { generateWebhookSecret } from "@/lib/notifications/team-webhook-secret";
import { updateAlertSettings } from "@/lib/billing/alerts/alert-settings";
import { grant } from "../../support/gateway-factories";
import { addMember, createTeamWithOwner } from "../../factories";
import { startWebhookReceiver, verifySignature } from "../../notifications/webhook-receiver";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => void (receiver = await startWebhookReceiver()));
afterAll(() => receiver.close());

/** What a batch of gateway calls does to the balance: an atomic debit with its USAGE ledger row. */
async function spend(teamId: string, amount: bigint) {
  await db.$transaction(async (tx) => {
    const team = await tx.team.update({ where: { id: teamId }, data: { balance: { decrement: amount } } });
    await tx.creditLedgerEntry.create({ data: { teamId, kind: "USAGE", amount: -amount, balanceAfter: team.balance } });
  });
  await watchBalances([teamId]);
  await settleBalanceWatch();
}

async function alertedTeam() {
  const { team, owner } = await createTeamWithOwner();
  const admin = await addMember(team.id, "ADMIN");
  const member = await addMember(team.id, "MEMBER");
  await updateAlertSettings(team.id, { lowBalanceThreshold: "5", webhookUrl: receiver.url }, owner.id);
  const secret = await generateWebhookSecret(team.id, owner.id);
  await grant(team.id, 6_000_000n);
  return { team, owner, admin: admin.user, member: member.user, secret };
}

const alertsOf = (teamId: string) => db.notification.findMany({ where: { teamId, kind: "balance.low" } });
const emailsTo = (email: string) => db.emailOutbox.findMany({ where: { to: email, subject: { contains: "credit is low" } } });

describe("low-balance alerts", () => {
  it("fires once when crossing, not again while low, and again after a re-arming credit", async () => {
    const { team } = await alertedTeam();
    await spend(team.id, 500_000n); // 5.50: still above
    expect(await alertsOf(team.id)).toHaveLength(0);

    await spend(team.id, 1_000_000n); // 4.50: crossed
    expect(await alertsOf(team.id)).toHaveLength(1);
    await spend(team.id, 1_000_000n); // 3.50: still low
    await Promise.all(Array.from({ length: 5 }, () => watchBalances([team.id]))); // many instances at once
    await settleBalanceWatch();
    expect(await alertsOf(team.id)).toHaveLength(1);

    await grant(team.id, 2_000_000n); // 5.50: back above; the watcher re-arms on its next batch
    await spend(team.id, 100_000n); // 5.40
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).lowBalanceAlertedAt).toBeNull();
    await spend(team.id, 1_000_000n); // 4.40: crossed again
    expect(await alertsOf(team.id)).toHaveLength(2);
  });

  it("emails owners and admins only, with balance, threshold and the top-up link", async () => {
    const { team, owner, admin, member } = await alertedTeam();
    await spend(team.id, 2_000_000n);
    const [ownerMail] = await emailsTo(owner.email);
    expect(ownerMail).toMatchObject({ status: "LOGGED" });
    expect(ownerMail!.text).toContain("$4.00");
    expect(ownerMail!.text).toContain("$5.00");
    expect(ownerMail!.text).toContain(`http://localhost:3000/${team.slug}/billing`);
    expect(await emailsTo(admin.email)).toHaveLength(1);
    expect(await emailsTo(member.email)).toHaveLength(0);
  });

  it("delivers a signed balance.low webhook", async () => {
    const { team, secret } = await alertedTeam();
    await spend(team.id, 2_500_000n);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { teamId: team.id } });
    expect(delivery).toMatchObject({ event: "balance.low", status: "SENT", attempts: 1 });
    const request = receiver.received.find((r) => r.headers["tollgate-delivery"] === delivery.id)!;
    expect(verifySignature(request.headers["tollgate-signature"] as string, request.body, secret)).toBe(true);
    expect(request.headers["tollgate-event"]).toBe("balance.low");
    expect(JSON.parse(request.body)).toMatchObject({
      type: "balance.low",
      team: { id: team.id, slug: team.slug },
      balance: "3.500000",
      threshold: "5.000000",
      currency: "USD",
      topUpUrl: `http://localhost:3000/${team.slug}/billing`,
    });
  });

  it("does nothing for teams without a threshold", async () => {
    const { team } = await createTeamWithOwner();
    await spend(team.id, 1_000n);
    expect(await alertsOf(team.id)).toHaveLength(0);
  });
});
