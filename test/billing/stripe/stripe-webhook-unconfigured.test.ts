// Without Stripe keys the webhook answers 503 and no top-up can start.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { isStripeConfigured, stripeClient } from "@/lib/billing/stripe/stripe-client";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-top-up-checkout";
import { db } from "@/lib/db";
import { createTeamWithOwner } from "../../factories";

delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
delete process.env.STRIPE_API_BASE;

describe("Stripe not configured", () => {
  it("has no client and answers webhooks with 503", async () => {
    expect(stripeClient()).toBeNull();
    expect(isStripeConfigured()).toBe(false);
    const response = await POST(
      new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": "t=1,v1=x" }, body: "{}" }),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "stripe_not_configured" });
  });

  it("refuses to start a top-up and writes no payment", async () => {
    const { team, owner } = await createTeamWithOwner();
    await expect(createTopUpCheckout(team.id, { amountMicros: 25_000_000n }, owner.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.payment.count({ where: { teamId: team.id } })).toBe(0);
  });
});
