// seedDemoPrompt (lib/demo/seed-demo-prompt.ts) on a database of its own: after the demo AI, the
// published `summarise` Prompt API on demo-chat, version 1, with a generated document that passes the
// OpenAPI validator, a free (tokens only) and a pro (per call plus tokens) plan; once per database.
import { describe, expect, it } from "vitest";
import { seedDemoAi } from "@/lib/demo/seed-demo-ai";
import { seedDemoPrompt } from "@/lib/demo/seed-demo-prompt";
import { validateOpenApiObject } from "@/lib/catalog/openapi-document";
import { withFreshDatabase } from "@/test/support/fresh-database";

describe("seedDemoPrompt", () => {
  it("publishes Summarise on the demo chat model, once", async () => {
    await withFreshDatabase(async (client) => {
      expect(await seedDemoPrompt(client)).toMatchObject({ outcome: "skipped" }); // no demo model yet: skipped for good
    });
    await withFreshDatabase(async (client) => {
      await seedDemoAi(client);
      expect((await seedDemoPrompt(client)).outcome).toBe("seeded");
      const api = await client.api.findUniqueOrThrow({
        where: { slug: "summarise" },
        include: { plans: { orderBy: { sortOrder: "asc" } }, promptVersions: { include: { model: true } } },
      });
      expect(api).toMatchObject({ kind: "PROMPT", status: "PUBLISHED", visibility: "PUBLIC", promptVersion: 1 });
      expect(api.promptVersions.map((version) => [version.version, version.model.publicId])).toEqual([[1, "demo-chat"]]);
      expect(api.plans.map((plan) => [plan.slug, plan.promptPricing, plan.pricePerCall])).toEqual([
        ["free", "TOKENS", 0n],
        ["pro", "CALL_AND_TOKENS", 1_000n],
      ]);
      expect((await validateOpenApiObject(api.openapi)).ok).toBe(true);
      expect(await seedDemoPrompt(client)).toEqual({ outcome: "already-seeded" });
    });
  });
});
