// The AI exactness storm's parts, shared by the one-process and the two-process runs: the mix of 200
// calls (streamed and not, cached and uncached, abandoned mid-stream, failing before output and
// mid-stream), one model per behaviour of the fake provider, how a caller makes each call, and the
// cost computed independently from the fake's records and what each caller received.
import type OpenAI from "openai";
import { expect } from "vitest";
import { countTextTokens } from "@/lib/ai/tokens";
import type { FakeAiProvider, FakeAiRequest } from "./fake-ai-provider";
import { expectedCharge, referenceCost } from "./fake-ai/expected";
import { addAiModel, type createAiFixture } from "./ai-factories";

export type StormKind = "plain" | "streamed" | "cached" | "counted" | "abandoned" | "failsBefore" | "failsMidStream";

export const STORM_MIX: [StormKind, number][] = [
  ["plain", 50],
  ["streamed", 40],
  ["cached", 20],
  ["counted", 20],
  ["abandoned", 40],
  ["failsBefore", 20],
  ["failsMidStream", 10],
];

/** Calls answered with the provider's usage: plain, streamed and cached ones. */
export const PROVIDER_REPORTED = 110;

type Fixture = Awaited<ReturnType<typeof createAiFixture>>;
export type StormCall = { kind: StormKind; marker: string };

/**
 * One model per behaviour. `abandoned` is the fake's behaviour for the streams whose caller leaves
 * after its third chunk: in one process the provider keeps streaming 40 ms apart; across real sockets
 * it stalls after three events, so no byte can be in flight to a caller that already left (what the
 * gateway wrote to the socket is then exactly what the caller read).
 */
export async function stormModels(fixture: Fixture, abandoned = "delay-ms:40"): Promise<Record<StormKind, string>> {
  return {
    plain: fixture.model.publicId,
    streamed: fixture.model.publicId,
    cached: (await addAiModel(fixture, "fake-chat+cached:7")).publicId,
    counted: (await addAiModel(fixture, "fake-chat+omit-usage+chunk-size:3")).publicId,
    abandoned: (await addAiModel(fixture, `fake-chat+${abandoned}`)).publicId,
    failsBefore: (await addAiModel(fixture, "fake-chat+error-before:500")).publicId,
    failsMidStream: (await addAiModel(fixture, "fake-chat+error-mid-stream:4")).publicId,
  };
}

export function stormCalls(): StormCall[] {
  return STORM_MIX.flatMap(([kind, count]) => Array.from({ length: count }, () => kind)).map((kind, i) => ({
    kind,
    marker: `storm call ${i} ${kind}`,
  }));
}

/** Makes one call as the official SDK's user would; answers the text the caller received. */
export async function makeStormCall(client: OpenAI, models: Record<StormKind, string>, { kind, marker }: StormCall): Promise<string> {
  const request = { model: models[kind], messages: [{ role: "user" as const, content: `${marker} with some words to echo back` }] };
  if (kind === "plain" || kind === "cached" || kind === "failsBefore") {
    const answer = await client.chat.completions.create(request, { maxRetries: 0 }).catch(() => null);
    return answer?.choices[0]?.message.content ?? "";
  }
  const controller = new AbortController();
  const stream = await client.chat.completions.create({ ...request, stream: true }, { signal: controller.signal, maxRetries: 0 });
  let text = "";
  let chunks = 0;
  try {
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (kind === "abandoned" && ++chunks === 3) controller.abort();
    }
  } catch {
    // abandoned by us, or broken off by the provider: what arrived is what counts
  }
  return text;
}

/**
 * Independently: each call's cost from the fake's own report, or for abandoned calls from the input
 * the fake counted and the text the caller actually received.
 */
export function expectedStormCost(
  fake: FakeAiProvider,
  calls: StormCall[],
  received: string[],
  fixture: Pick<Fixture, "prices">,
  fee: bigint,
): bigint {
  const byMarker = new Map<string, FakeAiRequest>();
  for (const record of fake.requests) {
    const content = (record.json as { messages?: { content?: string }[] } | null)?.messages?.[0]?.content;
    if (content) byMarker.set(content.split(" with ")[0]!, record);
  }
  let expected = 0n;
  calls.forEach(({ kind, marker }, i) => {
    const record = byMarker.get(marker);
    expect(record, marker).toBeDefined();
    if (kind === "abandoned") {
      const usage = { inputTokens: record!.planned!.inputTokens, cachedInputTokens: 0, outputTokens: countTextTokens(received[i]!) };
      expected += received[i] === "" ? 0n : referenceCost(usage, fixture.prices, fee);
    } else {
      expected += expectedCharge(record!, fixture.prices, kind === "failsBefore" ? 0n : fee);
    }
  });
  return expected;
}
