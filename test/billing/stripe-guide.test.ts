// Issue 15, point 8: the README's "Stripe test mode in minutes" names the two keys, the `stripe listen`
// command and the test card, and /docs/stripe (linked from the billing page for platform admins while
// Stripe is not configured) serves exactly that section.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readStripeTestModeGuide, stripeGuideFrom } from "@/lib/billing/stripe/test-mode-guide";

describe("Stripe test mode in minutes", () => {
  it("is a section of the README with both keys, the forwarding command and the test card", async () => {
    const guide = await readStripeTestModeGuide();
    expect(guide).not.toBeNull();
    expect(guide).toContain("STRIPE_SECRET_KEY=sk_test_");
    expect(guide).toContain("STRIPE_WEBHOOK_SECRET=whsec_");
    expect(guide).toContain("stripe listen --forward-to localhost:3000/api/webhooks/stripe");
    expect(guide).toContain("4242 4242 4242 4242");
    expect(guide).not.toMatch(/\n#{2,3} /); // only the section, up to the next heading
  });

  it("is read up to the next heading, and is absent from a README without it", async () => {
    const readme = await readFile("README.md", "utf8");
    expect(readme).toContain(`\n### Stripe test mode in minutes\n`);
    expect(stripeGuideFrom("# Tollgate\n\n### Stripe test mode in minutes\n\nStep one.\n\n## Next\n\nOther.")).toBe("Step one.");
    expect(stripeGuideFrom("# Tollgate\n\n## Credit\n")).toBeNull();
  });
});
