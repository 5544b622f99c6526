// The AI path of `npm run bench`, in the same run as the REST gateway: (d) the demo model's provider
// called directly and (e) the same calls through /api/ai/v1 with a team key (admission, reservation,
// the provider call, the settle, usage), non-streamed; then the time to first byte of 50 concurrent
// streams, direct and through the gateway, whose difference is what the gateway adds: with 50 streams
// always in flight (the goal's measure), and with 50 opened at one instant (a burst's worst case).
import { request } from "undici";
import { db } from "@/lib/db";
import { measure, newTally, type LoadSettings, type RunSummary, type Tally } from "./load";
import { forkServer } from "./fork-server";
import { invariantProblems, invariantViolations } from "./ledger-check";
import type { ChildGroup } from "@/scripts/lib/app-instances";

export const AI_BENCH_MODEL = "bench-chat";
const BODY = { messages: [{ role: "user", content: "Say something short about toll roads." }], max_tokens: 32 };

export type AiBenchResults = {
  direct: RunSummary;
  gateway: RunSummary;
  /** every answer of the non-streamed runs, warm-ups included */
  tallies: { direct: Tally; gateway: Tally };
  /** steady: 50 streams always in flight (the goal's measure); burst: 50 opened at one instant */
  ttft: {
    streams: number;
    streamsMeasured: number;
    directP50Ms: number;
    directP99Ms: number;
    gatewayP50Ms: number;
    gatewayP99Ms: number;
    burstDirectP50Ms: number;
    burstDirectP99Ms: number;
    burstGatewayP50Ms: number;
    burstGatewayP99Ms: number;
  };
};

export const startAiUpstream = (children: ChildGroup) => forkServer("ai-upstream.ts", children);

/** A provider at the bench upstream, a priced model, an AI API whose limits never trigger, the bench team subscribed. */
export async function seedAiBench(upstreamUrl: string, teamId: string): Promise<void> {
  const provider = await db.aiProvider.create({ data: { slug: "bench", name: "Bench", kind: "OPENAI", baseUrl: `${upstreamUrl}/v1` } });
  const model = await db.aiModel.create({
    data: {
      publicId: AI_BENCH_MODEL,
      displayName: "Bench chat",
      contextWindow: 8_192,
      maxOutputTokens: 256,
      inputPrice: 150_000n,
      cachedInputPrice: 75_000n,
      outputPrice: 600_000n,
      deployments: { create: { providerId: provider.id, providerModel: "demo-chat" } },
    },
  });
  const api = await db.api.create({
    data: {
      slug: "bench-ai",
      kind: "AI",
      name: "Bench AI",
      status: "PUBLISHED",
      upstreamBaseUrl: "",
      publishedAt: new Date(),
      models: { create: { modelId: model.id } },
      plans: { create: { slug: "bench", name: "Bench", pricePerCall: 10n, rateLimit: 100_000_000, rateLimitWindowSec: 60 } },
    },
    include: { plans: true },
  });
  await db.subscription.create({ data: { teamId, apiId: api.id, planId: api.plans[0]!.id, status: "ACTIVE", decidedAt: new Date() } });
}

async function timeToFirstByte(url: string, body: unknown, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  // A refused stream answers at once: its "first byte" would flatter the figure.
  if (response.statusCode !== 200)
    throw new Error(`a stream from ${url} answered ${response.statusCode}: ${(await response.body.text()).slice(0, 300)}`);
  const iterator = response.body[Symbol.asyncIterator]();
  await iterator.next();
  const elapsed = performance.now() - started;
  for await (const _chunk of { [Symbol.asyncIterator]: () => iterator }) void _chunk; // read to the end: the call settles
  return elapsed;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1));
};

type Target = { url: string; model: string; headers: Record<string, string> };

/**
 * 50 streams in flight all the time: each of 50 workers opens a stream, notes its first byte, reads
 * it to the end (the call settles) and opens the next, for `seconds`. Their starts spread out as they
 * would in a busy service. The first second is warm-up (connections, caches) and is not counted.
 */
async function steadyTtft(target: Target, streams: number, seconds: number): Promise<number[]> {
  const body = { ...BODY, model: target.model, stream: true };
  const warmUntil = performance.now() + 1_000;
  const until = warmUntil + seconds * 1_000;
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: streams }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const elapsed = await timeToFirstByte(target.url, body, target.headers);
        if (started >= warmUntil) times.push(elapsed);
      }
    }),
  );
  return times;
}

/** `streams` opened at the same instant, `rounds` times (the first round warms up and is not counted): the worst case of a burst. */
async function burstTtft(target: Target, streams: number, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const body = { ...BODY, model: target.model, stream: true };
    times.push(...(await Promise.all(Array.from({ length: streams }, () => timeToFirstByte(target.url, body, target.headers)))));
  }
  return times.slice(streams);
}

export async function measureAi(options: { app: string; upstream: string; key: string; settings: LoadSettings; children: ChildGroup }) {
  const { app, upstream, key, settings, children } = options;
  const post = (url: string, model: string, headers: Record<string, string> = {}) => ({
    url,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ ...BODY, model }),
  });
  const tallies = { direct: newTally(), gateway: newTally() };
  const direct = await measure(post(`${upstream}/v1/chat/completions`, "demo-chat"), settings, children, tallies.direct);
  const gateway = await measure(
    post(`${app}/api/ai/v1/chat/completions`, AI_BENCH_MODEL, { authorization: `Bearer ${key}` }),
    settings,
    children,
    tallies.gateway,
  );
  const STREAMS = 50;
  const directTarget = { url: `${upstream}/v1/chat/completions`, model: "demo-chat", headers: {} };
  const gatewayTarget = { url: `${app}/api/ai/v1/chat/completions`, model: AI_BENCH_MODEL, headers: { authorization: `Bearer ${key}` } };
  const steadySeconds = Math.min(5, settings.seconds);
  const steadyDirect = await steadyTtft(directTarget, STREAMS, steadySeconds);
  const steadyGateway = await steadyTtft(gatewayTarget, STREAMS, steadySeconds);
  const burstDirect = await burstTtft(directTarget, STREAMS, 4);
  const burstGateway = await burstTtft(gatewayTarget, STREAMS, 4);
  const ttft = {
    streams: STREAMS,
    streamsMeasured: steadyGateway.length,
    directP50Ms: percentile(steadyDirect, 50),
    directP99Ms: percentile(steadyDirect, 99),
    gatewayP50Ms: percentile(steadyGateway, 50),
    gatewayP99Ms: percentile(steadyGateway, 99),
    burstDirectP50Ms: percentile(burstDirect, 50),
    burstDirectP99Ms: percentile(burstDirect, 99),
    burstGatewayP50Ms: percentile(burstGateway, 50),
    burstGatewayP99Ms: percentile(burstGateway, 99),
  };
  return { direct, gateway, ttft, tallies } satisfies AiBenchResults;
}

/** No AI call of the bench left a reservation open, and the team's ledger holds. */
export async function checkAiLedger(teamId: string): Promise<string[]> {
  const problems: string[] = [];
  const open = await db.openCall.count({ where: { teamId } });
  const [{ unsettled }] = await db.$queryRaw<{ unsettled: bigint }[]>`
    SELECT count(*) AS unsettled FROM credit_ledger_entries l
    JOIN apis a ON a.id = l."apiId" AND a.kind = 'AI'
    WHERE l."teamId" = ${teamId} AND l.kind = 'USAGE'
      AND NOT EXISTS (SELECT 1 FROM call_settlements s WHERE s."requestId" = l."requestId")`;
  if (unsettled > 0n) problems.push(`${unsettled} AI reservations were never settled`);
  if (open > 0) problems.push(`${open} calls are still open`);
  problems.push(...invariantProblems("after the AI calls", await invariantViolations([teamId])));
  return problems;
}
