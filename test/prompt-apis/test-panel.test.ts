// The admin's test panel: a draft runs through the real path, charged to a team the admin belongs
// to at the model's token prices, recorded without a version; a team the admin is not in, or a draft
// that does not pass the save checks, is refused before anything is charged or sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { gatewayAmount } from "@/lib/money";
import { testPromptDraft } from "@/lib/prompt-apis/call/test-draft";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { countedUsage, referenceCost } from "../support/fake-ai/expected";
import { expectLedgerInvariant } from "../support/ledger";
import { createPromptFixture, SUMMARY_PROMPT } from "../support/prompt-factories";
import { createTeamWithOwner } from "../factories";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

describe("the test panel", () => {
  it("runs the unsaved draft, charges the picked team the tokens and shows output, tokens and cost", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl, fee: 50_000n });
    const draft = { ...SUMMARY_PROMPT, model: fixture.model.publicId, userTemplate: "Draft: {{text}} ({{words}} words)" };
    const before = fake.requests.length;
    const result = await testPromptDraft(fixture.owner.id, {
      api: fixture.slug,
      team: fixture.team.slug,
      keyId: fixture.keyRow.id,
      prompt: draft,
      variables: { text: "a sample", words: 4, audience: "children" },
    });
    const sent = fake.requests[before]!;
    expect((sent.json as { messages: { content: string }[] }).messages[1]!.content).toBe("Draft: a sample (4 words)");
    const usage = countedUsage(sent);
    const cost = referenceCost(usage, fixture.prices, 0n); // tokens only: no plan fee
    expect(result).toEqual({
      status: 200,
      output: "Echo: Draft: a sample (4 words)",
      model: fixture.model.publicId,
      usage,
      charged: gatewayAmount(cost),
      balance: gatewayAmount(10_000_000n - cost),
      currency: "USD",
    });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n - cost);
    await flushUsage();
    const event = await db.usageEvent.findFirstOrThrow({ where: { teamId: fixture.team.id } });
    expect(event).toMatchObject({ path: "/ (admin test)", promptVersion: null, status: 200 });
    // The saved prompt is untouched.
    expect((await db.api.findUniqueOrThrow({ where: { id: fixture.api.id } })).promptVersion).toBe(1);
  });

  it("refuses a team the admin is not in, a draft with errors, and bad sample input, charging nothing", async () => {
    const fixture = await createPromptFixture({ providerUrl: fake.openAiBaseUrl });
    const stranger = await createTeamWithOwner();
    const base = { api: fixture.slug, team: fixture.team.slug, keyId: fixture.keyRow.id, variables: { text: "x", words: 1 } };
    const prompt = { ...SUMMARY_PROMPT, model: fixture.model.publicId };
    await expect(testPromptDraft(stranger.owner.id, { ...base, prompt })).rejects.toMatchObject({ status: 404 });
    await expect(testPromptDraft(fixture.owner.id, { ...base, prompt: { ...prompt, userTemplate: "{{nope}}" } })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { "prompt.userTemplate": expect.stringContaining("{{nope}}") },
    });
    const refused = await testPromptDraft(fixture.owner.id, { ...base, prompt, variables: { text: 5 } });
    expect(refused).toMatchObject({
      status: 422,
      problem: { code: "validation_failed", errors: { text: "Must be a string.", words: "Required: a number." } },
    });
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n);
  });
});
