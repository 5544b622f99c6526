// The admin system page's read model against the real database: instances by heartbeat, open calls
// and reservations by kind (settled or not, on a lost instance or not), open credit leases, webhook
// deliveries by team and unapplied Stripe events. Other files of this worker share the database, so
// platform-wide figures are compared before and after this file's own rows; the rows are removed at
// the end (open calls and leases are seeded as rows here: no money moves in this file).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  databaseStatus,
  listRecentInstances,
  openCreditLeases,
  openReservations,
  redisStatus,
  systemVersion,
  usageLag,
  webhookBacklog,
} from "@/lib/admin/system-status";
import { countUnappliedStripeEvents } from "@/lib/admin/list-unapplied-stripe-events";
import { instanceId } from "@/lib/instances/instance-id";
import { startHeartbeat, stopHeartbeat } from "@/lib/instances/heartbeat";
import packageJson from "@/package.json";
import { createTeamWithOwner } from "../factories";

const tag = crypto.randomBytes(4).toString("hex");
const id = (label: string) => `${label}_${tag}`;
const secondsAgo = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000);

let team: { id: string; slug: string };
let restApi: { id: string; slug: string };
let aiApi: { id: string; slug: string };
const requestIds: string[] = [];
const instanceIds = [id("inst_live"), id("inst_silent"), id("inst_stopped"), id("inst_old")];

async function openCall(requestId: string, apiId: string, charged: bigint, instance: string, createdAt: Date) {
  requestIds.push(requestId);
  await db.openCall.create({
    data: {
      requestId,
      teamId: team.id,
      apiId,
      apiKeyId: "key",
      capKeyId: "key",
      charged,
      instanceId: instance,
      method: "POST",
      path: "/x",
      createdAt,
    },
  });
}

beforeAll(async () => {
  ({ team } = await createTeamWithOwner());
  restApi = await db.api.create({ data: { slug: id("sys-rest"), name: "System REST", upstreamBaseUrl: "http://127.0.0.1:9" } });
  aiApi = await db.api.create({ data: { slug: id("sys-ai"), name: "System AI", kind: "AI", upstreamBaseUrl: "http://127.0.0.1:9" } });
});

afterAll(async () => {
  await db.openCall.deleteMany({ where: { requestId: { in: requestIds } } });
  await db.callSettlement.deleteMany({ where: { requestId: { in: requestIds } } });
  await db.creditLease.deleteMany({ where: { teamId: team.id } });
  await db.webhookDelivery.deleteMany({ where: { teamId: team.id } });
  await db.appInstance.deleteMany({ where: { id: { in: instanceIds } } });
  await db.stripeEvent.deleteMany({ where: { id: { startsWith: `evt_${tag}` } } });
});

describe("system status", () => {
  it("names the package version, and the commit only when the image recorded one", () => {
    const before = process.env.TOLLGATE_COMMIT;
    try {
      delete process.env.TOLLGATE_COMMIT;
      expect(systemVersion()).toEqual({ version: packageJson.version, commit: null });
      process.env.TOLLGATE_COMMIT = " 1a2b3c4 ";
      expect(systemVersion()).toEqual({ version: packageJson.version, commit: "1a2b3c4" });
    } finally {
      if (before === undefined) delete process.env.TOLLGATE_COMMIT;
      else process.env.TOLLGATE_COMMIT = before;
    }
  });

  it("lists the instances seen in the last minute: this one, a silent one and a stopped one, not an older one", async () => {
    await startHeartbeat();
    const now = new Date();
    const [live, silent, stopped, old] = instanceIds;
    await db.appInstance.createMany({
      data: [
        { id: live!, host: "h1", pid: 1, seenAt: secondsAgo(now, 5) },
        { id: silent!, host: "h2", pid: 2, seenAt: secondsAgo(now, 45) },
        { id: stopped!, host: "h3", pid: 3, seenAt: secondsAgo(now, 10), stoppedAt: secondsAgo(now, 10) },
        { id: old!, host: "h4", pid: 4, seenAt: secondsAgo(now, 90) },
      ],
    });
    const instances = await listRecentInstances(new Date());
    const states = Object.fromEntries(instances.map((instance) => [instance.id, instance.state]));
    expect(states[instanceId()]).toBe("running");
    expect(instances.find((instance) => instance.current)?.id).toBe(instanceId());
    expect(states[live!]).toBe("running");
    expect(states[silent!]).toBe("silent");
    expect(states[stopped!]).toBe("stopped");
    expect(states).not.toHaveProperty(old!);
    await stopHeartbeat();
  });

  it("times a database ping", async () => {
    const status = await databaseStatus();
    expect(status).toMatchObject({ ok: true });
    if (status.ok) expect(status.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("counts open calls by kind: what they hold, reservations not settled, calls of a lost instance", async () => {
    const now = new Date();
    const before = await openReservations(now);
    const [live, , stopped] = instanceIds;
    const long = new Date("2001-01-01T00:00:00Z"); // older than anything other files leave open
    await openCall(id("req_rest_1"), restApi.id, 2_000n, live!, long);
    await openCall(id("req_rest_2"), restApi.id, 3_000n, stopped!, secondsAgo(now, 20));
    await openCall(id("req_ai_open"), aiApi.id, 50_000n, live!, secondsAgo(now, 3));
    await openCall(id("req_ai_settled"), aiApi.id, 40_000n, live!, secondsAgo(now, 2));
    // Settled, its usage event not written yet: still an open call, no longer an unsettled reservation.
    await db.callSettlement.create({
      data: { requestId: id("req_ai_settled"), teamId: team.id, apiId: aiApi.id, outcome: "SETTLED", reserved: 40_000n, actual: 12_000n },
    });

    const after = await openReservations(new Date());
    const delta = (kind: string) => {
      const [was, is] = [before, after].map((reading) => reading.byKind.find((row) => row.kind === kind));
      return {
        calls: (is?.calls ?? 0) - (was?.calls ?? 0),
        held: (is?.held ?? 0n) - (was?.held ?? 0n),
        unsettled: (is?.unsettled ?? 0) - (was?.unsettled ?? 0),
        lost: (is?.lost ?? 0) - (was?.lost ?? 0),
      };
    };
    expect(delta("REST")).toEqual({ calls: 2, held: 5_000n, unsettled: 0, lost: 1 });
    expect(delta("AI")).toEqual({ calls: 2, held: 90_000n, unsettled: 1, lost: 0 });
    expect(after.byKind.find((row) => row.kind === "REST")!.oldest).toEqual(long);

    const oldest = after.oldest[0]!;
    expect(oldest).toMatchObject({
      requestId: id("req_rest_1"),
      teamSlug: team.slug,
      apiSlug: restApi.slug,
      charged: 2_000n,
      method: "POST",
    });
  });

  it("sums open credit leases and names expired ones; closed leases do not count", async () => {
    const now = new Date();
    const before = await openCreditLeases(now);
    const lease = (remaining: bigint, expiresAt: Date, closedAt: Date | null = null) => ({
      teamId: team.id,
      instanceId: instanceIds[0]!,
      granted: remaining,
      remaining,
      expiresAt,
      closedAt,
    });
    await db.creditLease.createMany({
      data: [
        lease(700_000n, new Date(now.getTime() + 60_000)),
        lease(300_000n, secondsAgo(now, 5)),
        lease(0n, secondsAgo(now, 50), secondsAgo(now, 40)),
      ],
    });
    const after = await openCreditLeases(now);
    expect(after.count - before.count).toBe(2);
    expect(after.remaining - before.remaining).toBe(1_000_000n);
    expect(after.expired - before.expired).toBe(1);
    expect(after.largest.find((row) => row.team.slug === team.slug && row.remaining === 700_000n)).toBeDefined();
  });

  it("counts pending webhook deliveries and recent failures by team, with the oldest pending", async () => {
    const now = new Date();
    const delivery = (status: "PENDING" | "FAILED" | "SENT", createdAt: Date) => ({
      teamId: team.id,
      event: "balance.low",
      url: "https://hooks.example.test/x",
      payload: {},
      status,
      createdAt,
    });
    const before = await webhookBacklog(now);
    await db.webhookDelivery.createMany({
      data: [
        delivery("PENDING", secondsAgo(now, 600)),
        delivery("PENDING", secondsAgo(now, 30)),
        delivery("FAILED", secondsAgo(now, 3600)),
        delivery("FAILED", secondsAgo(now, 2 * 86_400)), // more than a day ago: not counted
        delivery("SENT", secondsAgo(now, 60)),
      ],
    });
    const after = await webhookBacklog(now);
    expect(after.pending - before.pending).toBe(2);
    expect(after.failed24h - before.failed24h).toBe(1);
    const row = after.teams.find((entry) => entry.slug === team.slug);
    expect(row).toMatchObject({ pending: 2, failed: 1, oldest: secondsAgo(now, 600) });
  });

  it("counts Stripe events recorded but not applied", async () => {
    const before = await countUnappliedStripeEvents();
    await db.stripeEvent.createMany({
      data: [
        { id: `evt_${tag}_1`, type: "checkout.session.completed", outcome: "unknown_team" },
        { id: `evt_${tag}_2`, type: "charge.refunded", outcome: "failed" },
        { id: `evt_${tag}_3`, type: "checkout.session.completed", outcome: "applied" },
      ],
    });
    expect((await countUnappliedStripeEvents()) - before).toBe(2);
  });

  it("reads the usage lag from the oldest waiting event, and Redis from its state", () => {
    const now = new Date("2026-12-07T03:00:10Z");
    expect(usageLag({ waiting: 0, oldestAt: null, held: 0 }, now)).toEqual({ waiting: 0, oldestAt: null, held: 0, lagMs: 0 });
    expect(usageLag({ waiting: 3, oldestAt: "2026-12-07T03:00:07.500Z", held: 1 }, now).lagMs).toBe(2500);

    const state = { fallbacks: 0, outages: 0, outageSince: null, lastError: null };
    expect(redisStatus({ ...state, mode: "off" }).label).toBe("not configured");
    expect(redisStatus({ ...state, mode: "redis" }).label).toBe("connected");
    expect(redisStatus({ ...state, mode: "fallback" }).label).toBe("connecting");
    const down = redisStatus({ ...state, mode: "fallback", outages: 1, outageSince: now, lastError: "connect ECONNREFUSED" });
    expect(down).toEqual({ label: "unreachable", note: "since 2026-12-07T03:00:10.000Z (connect ECONNREFUSED): counting locally" });
  });
});
