// The playground's core against the fake provider: a member's conversation streams through the AI
// gateway with a key the member picked, so it is reserved, settled and recorded like any call, and
// the cost in the stream's last chunk is what the ledger moved; strangers, other teams' keys, revoked
// keys and models the API does not publish are refused before anything is sent; a 402 passes through
// with its top-up link. The route refuses other origins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { gatewayAmount } from "@/lib/money";
import { runPlayground } from "@/lib/ai/playground/run-playground";
import { readPlaygroundStream, type PlaygroundEvent } from "@/lib/ai/playground/read-playground-stream";
import { POST } from "@/app/api/playground/route";
import { expectedCharge, startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture } from "../support/ai-factories";
import { createRawKey } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";
import { createUser } from "../factories";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const conversation = (fixture: Awaited<ReturnType<typeof createAiFixture>>, keyId = fixture.keyRow.id) => ({
  team: fixture.team.slug,
  keyId,
  api: fixture.slug,
  model: fixture.model.publicId,
  system: "You answer briefly.",
  messages: [
    { role: "user", content: "What is a toll gate?" },
    { role: "assistant", content: "A gate where you pay to pass." },
    { role: "user", content: "And prepaid credit for an API?" },
  ],
});

async function eventsOf(response: Response): Promise<PlaygroundEvent[]> {
  const events: PlaygroundEvent[] = [];
  for await (const event of readPlaygroundStream(response.body!)) events.push(event);
  return events;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("runPlayground", () => {
  it("streams the answer through the AI gateway; the last chunk's cost is what the ledger moved and the usage event records", async () => {
    // Part of the prompt comes back as cached, so all three token kinds are priced.
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, fee: 100n, providerModel: "fake-chat+cached:12" });
    const before = fake.requests.length;
    const response = await runPlayground(fixture.owner.id, conversation(fixture));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-tollgate-model")).toBe(fixture.model.publicId);
    const requestId = response.headers.get("x-request-id")!;
    const events = await eventsOf(response);

    const text = events.flatMap((event) => (event.type === "text" ? [event.text] : [])).join("");
    expect(text).toMatch(/^Echo: And prepaid credit for an API\?/);
    expect(events.at(-1)).toEqual({ type: "done" });
    expect(events.some((event) => event.type === "finish")).toBe(true);

    // What reached the provider: the system prompt first, the whole conversation, streamed with usage.
    const sent = fake.requests[before]!;
    const body = sent.json as { messages: { role: string; content: string }[]; stream: boolean; stream_options: unknown };
    expect(body.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(body.messages[0]!.content).toBe("You answer briefly.");
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(sent.headers.authorization).toBe("Bearer sk-fake-provider-key");

    // The cost by the fake's own record and a price rule written apart from Tollgate's.
    const cost = expectedCharge(sent, fixture.prices, 100n);
    const usageEvent = events.find((event) => event.type === "usage");
    expect(usageEvent?.type).toBe("usage");
    if (usageEvent?.type !== "usage") return;
    expect(usageEvent.usage).toEqual(sent.reported);
    expect(usageEvent.usage.cachedInputTokens).toBe(12);
    const balance = await expectLedgerInvariant(fixture.team.id);
    expect(balance).toBe(10_000_000n - cost);
    expect(usageEvent.charged).toBe(gatewayAmount(cost));
    expect(usageEvent.balance).toBe(gatewayAmount(balance));

    await flushUsage();
    const recorded = await db.usageEvent.findUniqueOrThrow({ where: { requestId } });
    expect(recorded).toMatchObject({
      teamId: fixture.team.id,
      apiKeyId: fixture.keyRow.id,
      apiId: fixture.api.id,
      model: fixture.model.publicId,
      inputTokens: usageEvent.usage.inputTokens,
      cachedInputTokens: usageEvent.usage.cachedInputTokens,
      outputTokens: usageEvent.usage.outputTokens,
      usageSource: "PROVIDER",
      status: 200,
      path: "/chat/completions",
    });
    expect(recorded.charged - recorded.refunded).toBe(cost);
  });

  it("passes the 402 through with the reservation, the balance and the top-up link, charging and sending nothing", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl, balance: 1_000n });
    const before = fake.requests.length;
    const response = await runPlayground(fixture.owner.id, conversation(fixture));
    expect(response.status).toBe(402);
    const body = await response.json();
    expect(body).toMatchObject({
      code: "insufficient_credit",
      balance: "0.001000",
      currency: "USD",
      topUpUrl: `${appUrl()}/${fixture.team.slug}/billing`,
      error: { code: "insufficient_credit" },
    });
    expect(body.detail).toContain("Top up at");
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(1_000n);
  });

  it("refuses a stranger to the team and another team's key as not found, and sends nothing", async () => {
    const mine = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const theirs = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const before = fake.requests.length;
    expect((await refusal(runPlayground(mine.owner.id, conversation(mine, theirs.keyRow.id)))).code).toBe("not_found");
    expect((await refusal(runPlayground(mine.owner.id, conversation(theirs)))).code).toBe("not_found");
    const stranger = await createUser();
    expect((await refusal(runPlayground(stranger.id, conversation(mine)))).code).toBe("not_found");
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(mine.team.id)).toBe(10_000_000n);
    expect(await expectLedgerInvariant(theirs.team.id)).toBe(10_000_000n);
  });

  it("refuses a revoked key, a model the API does not publish and a malformed conversation", async () => {
    const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const other = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    const before = fake.requests.length;
    const revoked = await createRawKey(fixture.team.id, { revokedAt: new Date() });
    const revokedError = await refusal(runPlayground(fixture.owner.id, conversation(fixture, revoked.keyRow.id)));
    expect(revokedError.fieldErrors?.keyId).toMatch(/is revoked/);

    const foreignModel = await refusal(runPlayground(fixture.owner.id, { ...conversation(fixture), model: other.model.publicId }));
    expect(foreignModel.fieldErrors?.model).toBe("This API has no such chat model.");

    const endsWithAssistant = await refusal(
      runPlayground(fixture.owner.id, { ...conversation(fixture), messages: [{ role: "assistant", content: "Hi" }] }),
    );
    expect(endsWithAssistant.fieldErrors?.messages).toBe("The last message is the user's.");
    const badRole = await refusal(
      runPlayground(fixture.owner.id, { ...conversation(fixture), messages: [{ role: "system", content: "x" }] }),
    );
    expect(badRole.code).toBe("validation_failed");
    const nul = await refusal(runPlayground(fixture.owner.id, { ...conversation(fixture), system: "a\u0000b" }));
    expect(nul.code).toBe("validation_failed");
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(10_000_000n);
  });
});

describe("POST /api/playground", () => {
  it("answers 403 problem+json to another origin, and to a request without one", async () => {
    for (const headers of [{ origin: "https://attacker.example" }, {}] as Record<string, string>[]) {
      const response = await POST(
        new Request(`${appUrl()}/api/playground`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ team: "t", keyId: "k", api: "demo-ai", model: "demo-chat", messages: [] }),
        }),
      );
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ code: "forbidden", status: 403 });
    }
  });
});
