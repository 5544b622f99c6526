// Rows for the admin console tests: hourly rollups and raw usage events at chosen times, and an
// API with two plans. Platform-wide figures are read over windows far in the future (each test file
// its own year), where no other test writes, so they can be asserted exactly.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { createRawKey } from "../support/gateway-factories";
import { createUser } from "../factories";

export const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000);
export const daysBefore = (now: Date, days: number) => hoursBefore(now, days * 24);

/** The hour a rollup row for a call at `at` belongs to. */
const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

export async function createPlannedApi() {
  const slug = `admin-api-${crypto.randomBytes(4).toString("hex")}`;
  return db.api.create({
    data: {
      slug,
      name: `Admin test ${slug}`,
      upstreamBaseUrl: "http://127.0.0.1:9",
      status: "PUBLISHED",
      plans: {
        create: [
          { slug: "basic", name: "Basic" },
          { slug: "pro", name: "Pro", requiresApproval: true },
        ],
      },
    },
    include: { plans: { orderBy: { slug: "asc" } } },
  });
}

export type RollupSpec = { at: Date; requests: number; errors?: number; charged?: bigint; refunded?: bigint };

/** One rollup row per spec, for the team's own key. */
export async function addRollups(teamId: string, apiId: string, specs: RollupSpec[]) {
  const { keyRow } = await createRawKey(teamId);
  await db.usageRollup.createMany({
    data: specs.map((spec) => ({
      teamId,
      apiId,
      apiKeyId: keyRow.id,
      hour: hourOf(spec.at),
      requests: spec.requests,
      errors: spec.errors ?? 0,
      charged: spec.charged ?? 0n,
      refunded: spec.refunded ?? 0n,
    })),
  });
  return keyRow;
}

export async function addEvents(events: { teamId: string | null; status: number; at: Date }[]) {
  await db.usageEvent.createMany({
    data: events.map((event) => ({
      requestId: `req_test_${crypto.randomBytes(12).toString("hex")}`,
      teamId: event.teamId,
      method: "GET",
      path: "/",
      status: event.status,
      latencyMs: 5,
      createdAt: event.at,
    })),
  });
}

/** A platform admin account (the flag set directly, as provisioning does). */
export const createAdmin = async (options: { password?: string } = {}) =>
  db.user.update({ where: { id: (await createUser(options)).id }, data: { isPlatformAdmin: true } });
