// Seeds the demo Prompt API "Summarise" (`summarise`): a prompt on the demo chat model that the app
// serves itself, so a newcomer can call a Prompt API with a team key and no provider key. Runs once
// per database (the `seed.demo-prompt` setting records it), and only where the demo chat model exists
// and no API is called `summarise`.
import { recordAudit } from "@/lib/audit/record-audit";
import { ApiKind, ApiStatus, ApiVisibility, type PrismaClient } from "@/lib/db";
import { promptDefinitionSchema } from "@/lib/prompt-apis/definition-schema";
import { storedPromptDocument } from "@/lib/prompt-apis/prompt-document";
import { versionData } from "@/lib/prompt-apis/stored-definition";

const SEED_KEY = "seed.demo-prompt";
export const DEMO_PROMPT_SLUG = "summarise";

const SUMMARY = "Summarises a text in at most the number of words you ask for, with the demo chat model.";
const DESCRIPTION = `A Prompt API: a prompt and a model published as a REST API. Send the variables as JSON, get the
model's output, its model and its tokens. The demo model echoes what it is given, so the "summary" is the
prompt itself: enough to see the path, the pricing and the usage.

\`\`\`json
{ "text": "Tollgate meters every call and debits prepaid credit.", "max_words": 20 }
\`\`\`
`;

export const DEMO_PROMPT = promptDefinitionSchema.parse({
  model: "demo-chat",
  systemPrompt: "You summarise texts faithfully, in at most {{max_words}} words.",
  userTemplate: "Summarise this text:\n\n{{text}}",
  variables: [
    { name: "text", type: "string", description: "The text to summarise", required: true, maxLength: 20_000 },
    { name: "max_words", type: "number", description: "The longest summary you accept, in words", required: true },
  ],
  temperature: 0.2,
  maxOutputTokens: 256,
});

type Result = { outcome: "already-seeded" } | { outcome: "skipped"; reason: string } | { outcome: "seeded"; apiId: string };

export async function seedDemoPrompt(client: PrismaClient): Promise<Result> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tollgate.seed.demo-prompt'))`;
    if (await tx.systemSetting.findUnique({ where: { key: SEED_KEY } })) return { outcome: "already-seeded" };
    const record = (value: Record<string, string>) =>
      tx.systemSetting.create({ data: { key: SEED_KEY, value: { version: 1, ranAt: new Date().toISOString(), ...value } } });
    const model = await tx.aiModel.findUnique({ where: { publicId: DEMO_PROMPT.model }, select: { id: true } });
    if (!model || (await tx.api.count({ where: { slug: DEMO_PROMPT_SLUG } })) > 0) {
      await record({ skipped: "no demo chat model, or the slug is taken" });
      return { outcome: "skipped", reason: "the demo chat model is missing or an API is already called summarise" };
    }
    const described = { slug: DEMO_PROMPT_SLUG, name: "Summarise", summary: SUMMARY, description: DESCRIPTION, version: "1.0.0" };
    const api = await tx.api.create({
      data: {
        ...described,
        kind: ApiKind.PROMPT,
        tags: ["demo", "ai", "prompt"],
        visibility: ApiVisibility.PUBLIC,
        status: ApiStatus.PUBLISHED,
        upstreamBaseUrl: "",
        publishedAt: new Date(),
        promptVersion: 1,
        openapi: storedPromptDocument(described, DEMO_PROMPT),
        promptVersions: { create: { version: 1, modelId: model.id, ...versionData(DEMO_PROMPT) } },
        plans: {
          create: [
            {
              slug: "free",
              name: "Free",
              description: "Tokens only, at the model's prices.",
              promptPricing: "TOKENS",
              pricePerCall: 0n,
              rateLimit: 10,
              maxRequestBytes: 65_536,
              sortOrder: 0,
            },
            {
              slug: "pro",
              name: "Pro",
              description: "0.001 per call plus tokens, higher limits.",
              promptPricing: "CALL_AND_TOKENS",
              pricePerCall: 1_000n,
              rateLimit: 600,
              maxRequestBytes: 262_144,
              sortOrder: 1,
            },
          ],
        },
      },
    });
    await recordAudit(
      { action: "api.demo_prompt_seeded", targetType: "api", targetId: api.id, metadata: { slug: api.slug, promptVersion: 1 } },
      tx,
    );
    await record({ apiId: api.id });
    return { outcome: "seeded", apiId: api.id };
  });
}
