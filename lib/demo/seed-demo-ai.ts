// Seeds the demo AI: a provider served by the app itself (lib/demo/ai-upstream.ts at /api/demo/ai/v1),
// its two models with deployments, and a public AI API `demo-ai` with a free and a paid plan. It runs
// once per database (the `seed.demo-ai` setting records that it ran, so an admin who deletes the demo
// never sees it return) and only where the model registry is still empty. No keys, no credit.
import { recordAudit } from "@/lib/audit/record-audit";
import { ApiKind, ApiStatus, ApiVisibility, type PrismaClient } from "@/lib/db";
import { DEMO_AI_MODELS } from "@/lib/demo/ai-models";
import { appUrl } from "@/lib/env";

const DEMO_AI_SEED_KEY = "seed.demo-ai";
const DEMO_AI_SEED_VERSION = 1;

type SeedDemoAiResult = { outcome: "already-seeded" } | { outcome: "skipped"; reason: string } | { outcome: "seeded"; apiId: string };

const description = (origin: string) => `Demo AI is a small deterministic model served by this Tollgate installation itself: it
echoes your last message, streams, reports usage, and calls a tool when you give it tools. Try every path
of the AI gateway with a team key and no provider key.

\`\`\`sh
curl ${origin}/api/ai/v1/chat/completions -H "Authorization: Bearer $TOLLGATE_KEY" \\
  -H "content-type: application/json" -d '{"model":"demo-chat","messages":[{"role":"user","content":"Hello"}]}'
\`\`\`

## Plans
- **Free**: no fee per request, tokens at the model prices, 10 requests and 20,000 tokens a minute per key, answers up to 256 tokens.
- **Pro**: 0.0001 per request plus tokens, 600 requests and 200,000 tokens a minute per key, answers up to 1,024 tokens.
`;

export async function seedDemoAi(client: PrismaClient): Promise<SeedDemoAiResult> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tollgate.seed.demo-ai'))`;
    if (await tx.systemSetting.findUnique({ where: { key: DEMO_AI_SEED_KEY } })) return { outcome: "already-seeded" };

    const ranAt = new Date();
    const record = (value: Record<string, string>) =>
      tx.systemSetting.create({
        data: { key: DEMO_AI_SEED_KEY, value: { version: DEMO_AI_SEED_VERSION, ranAt: ranAt.toISOString(), ...value } },
      });
    // An installation that registered its own models, or already has a `demo-ai` API, keeps what it has.
    if ((await tx.aiModel.count()) > 0 || (await tx.aiProvider.count()) > 0 || (await tx.api.count({ where: { slug: "demo-ai" } })) > 0) {
      await record({ skipped: "registry not empty" });
      return { outcome: "skipped", reason: "the model registry already has providers or models" };
    }

    const origin = appUrl();
    const baseUrl = `${origin}/api/demo/ai/v1`;
    const provider = await tx.aiProvider.create({ data: { slug: "demo", name: "Demo (served by Tollgate)", kind: "OPENAI", baseUrl } });
    const modelIds: string[] = [];
    for (const { id, ...model } of DEMO_AI_MODELS) {
      const created = await tx.aiModel.create({
        data: {
          ...model,
          publicId: id,
          supportsTools: model.kind === "CHAT",
          supportsJsonOutput: model.kind === "CHAT",
          deployments: { create: { providerId: provider.id, providerModel: id } },
        },
      });
      modelIds.push(created.id);
    }
    const api = await tx.api.create({
      data: {
        slug: "demo-ai",
        kind: ApiKind.AI,
        name: "Demo AI",
        summary: "A deterministic chat model and an embeddings model, served by Tollgate itself: streaming, usage, tool calls.",
        description: description(origin),
        tags: ["demo", "ai"],
        visibility: ApiVisibility.PUBLIC,
        status: ApiStatus.PUBLISHED,
        upstreamBaseUrl: baseUrl,
        publishedAt: ranAt,
        models: { create: modelIds.map((modelId) => ({ modelId })) },
        plans: {
          create: [
            {
              slug: "free",
              name: "Free",
              description: "No fee per request; tokens at the model prices.",
              pricePerCall: 0n,
              rateLimit: 10,
              tokensPerMinute: 20_000,
              maxOutputTokens: 256,
              maxRequestBytes: 262_144,
              sortOrder: 0,
            },
            {
              slug: "pro",
              name: "Pro",
              description: "0.0001 per request plus tokens, higher limits.",
              pricePerCall: 100n,
              rateLimit: 600,
              tokensPerMinute: 200_000,
              maxOutputTokens: 1_024,
              maxRequestBytes: 4_194_304,
              sortOrder: 1,
            },
          ],
        },
      },
    });
    await recordAudit(
      { action: "api.demo_ai_seeded", targetType: "api", targetId: api.id, metadata: { slug: api.slug, providerId: provider.id } },
      tx,
    );
    await record({ apiId: api.id });
    return { outcome: "seeded", apiId: api.id };
  });
}
