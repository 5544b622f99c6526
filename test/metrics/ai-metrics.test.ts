// AI calls in the metrics: tokens by model and kind as the usage event records them, the credit
// (reservation charged, the unused part given back), and the reservation closed once settled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { registry } from "@/lib/metrics/registry";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture, openAiClient } from "../support/ai-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { parseSamples, valueOf, type Sample } from "../support/metrics-text";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const scrape = async (): Promise<Sample[]> => parseSamples(await registry.metrics());

describe("AI metrics", () => {
  it("count an AI call's tokens by model and kind and its credit, and close its reservation", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.url });
    const model = fixture.model.publicId;
    const before = await scrape();

    const openai = openAiClient(fixture.key).client;
    for (const stream of [false, true]) {
      const messages = [{ role: "user" as const, content: `Say hello ${stream ? "slowly" : "now"}` }];
      if (stream) for await (const chunk of await openai.chat.completions.create({ model, messages, stream: true })) void chunk;
      else await openai.chat.completions.create({ model, messages });
    }
    await flushUsage();
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    const events = await db.usageEvent.findMany({ where: { apiId: fixture.api.id } });
    expect(events).toHaveLength(2);
    const sum = (pick: (event: (typeof events)[number]) => number | bigint | null) =>
      events.reduce((total, event) => total + Number(pick(event) ?? 0), 0);
    const input = sum((event) => event.inputTokens);
    const cached = sum((event) => event.cachedInputTokens);
    expect(input).toBeGreaterThan(0);
    expect(delta("tollgate_ai_tokens_total", { model, kind: "input" })).toBe(input - cached);
    expect(delta("tollgate_ai_tokens_total", { model, kind: "cached" })).toBe(cached);
    expect(delta("tollgate_ai_tokens_total", { model, kind: "output" })).toBe(sum((event) => event.outputTokens));
    expect(delta("tollgate_credit_charged_micros_total", { api: fixture.slug })).toBe(sum((event) => event.charged));
    expect(delta("tollgate_credit_refunded_micros_total", { api: fixture.slug })).toBe(sum((event) => event.refunded));
    expect(delta("tollgate_gateway_requests_total", { api: fixture.slug, status_class: "2xx", code: "none" })).toBe(2);
    expect(valueOf(after, "tollgate_ai_reservations_open")).toBe(valueOf(before, "tollgate_ai_reservations_open"));
    await expectLedgerInvariant(fixture.team.id);
  });
});
