// The settings behind the billing page's alerts card: validation of threshold and URL, and a
// signing secret stored only encrypted.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { alertSettingsSchema, updateAlertSettings } from "@/lib/billing/alerts/alert-settings";
import { generateWebhookSecret } from "@/lib/notifications/team-webhook-secret";
import { createTeamWithOwner } from "../../factories";

describe("alert settings", () => {
  it("accepts decimal thresholds and http(s) URLs, refuses the rest", () => {
    expect(alertSettingsSchema.safeParse({ lowBalanceThreshold: "12.50", webhookUrl: "https://example.com/hook" }).success).toBe(true);
    expect(alertSettingsSchema.safeParse({ lowBalanceThreshold: "", webhookUrl: "" }).success).toBe(true);
    expect(alertSettingsSchema.safeParse({ lowBalanceThreshold: "-1", webhookUrl: "" }).success).toBe(false);
    expect(alertSettingsSchema.safeParse({ lowBalanceThreshold: "1", webhookUrl: "ftp://example.com" }).success).toBe(false);
    expect(alertSettingsSchema.safeParse({ lowBalanceThreshold: "1", webhookUrl: "javascript:alert(1)" }).success).toBe(false);
  });

  it("stores the threshold in micro-units and the secret encrypted", async () => {
    const { team, owner } = await createTeamWithOwner();
    await updateAlertSettings(
      team.id,
      alertSettingsSchema.parse({ lowBalanceThreshold: "7.25", webhookUrl: "https://example.com/hook" }),
      owner.id,
    );
    const secret = await generateWebhookSecret(team.id, owner.id);
    const stored = await db.team.findUniqueOrThrow({ where: { id: team.id } });
    expect(stored).toMatchObject({ lowBalanceThreshold: 7_250_000n, webhookUrl: "https://example.com/hook" });
    expect(stored.webhookSecretEncrypted).not.toContain(secret);
    expect(decryptSecret(stored.webhookSecretEncrypted!)).toBe(secret);
  });
});
