// seedDemoAi (lib/demo/seed-demo-ai.ts) on databases of its own: the demo provider, models,
// deployments and the `demo-ai` API with two plans, once per database, never over a registry in use.
import { describe, expect, it } from "vitest";
import { seedDemoAi } from "@/lib/demo/seed-demo-ai";
import { withFreshDatabase } from "@/test/support/fresh-database";

describe("seedDemoAi", () => {
  it("registers the demo provider at the app's own origin, its models and a published AI API, once", async () => {
    await withFreshDatabase(async (client) => {
      const result = await seedDemoAi(client);
      expect(result.outcome).toBe("seeded");

      const provider = await client.aiProvider.findUniqueOrThrow({ where: { slug: "demo" }, include: { deployments: true } });
      expect(provider).toMatchObject({ kind: "OPENAI", baseUrl: "http://localhost:3000/api/demo/ai/v1", apiKeyEncrypted: null });
      expect(provider.deployments.map((deployment) => deployment.providerModel).sort()).toEqual(["demo-chat", "demo-embed"]);
      const chat = await client.aiModel.findUniqueOrThrow({ where: { publicId: "demo-chat" } });
      expect(chat).toMatchObject({
        kind: "CHAT",
        inputPrice: 100_000n,
        cachedInputPrice: 25_000n,
        outputPrice: 400_000n,
        supportsTools: true,
      });

      const api = await client.api.findUniqueOrThrow({
        where: { slug: "demo-ai" },
        include: { plans: { orderBy: { sortOrder: "asc" } }, models: true },
      });
      expect(api).toMatchObject({ kind: "AI", status: "PUBLISHED", visibility: "PUBLIC" });
      expect(api.models).toHaveLength(2);
      expect(api.plans.map((plan) => [plan.slug, plan.pricePerCall, plan.maxOutputTokens])).toEqual([
        ["free", 0n, 256],
        ["pro", 100n, 1_024],
      ]);
      expect(await client.auditLog.count({ where: { action: "api.demo_ai_seeded", targetId: api.id } })).toBe(1);

      expect(await seedDemoAi(client)).toEqual({ outcome: "already-seeded" });
      expect(await client.aiModel.count()).toBe(2);
    });
  });

  it("leaves a registry that already has models alone", async () => {
    await withFreshDatabase(async (client) => {
      await client.aiModel.create({ data: { publicId: "mine", displayName: "Mine", contextWindow: 1_000, maxOutputTokens: 100 } });
      expect(await seedDemoAi(client)).toMatchObject({ outcome: "skipped" });
      expect(await client.api.count({ where: { slug: "demo-ai" } })).toBe(0);
      expect(await seedDemoAi(client)).toEqual({ outcome: "already-seeded" });
    });
  });
});
