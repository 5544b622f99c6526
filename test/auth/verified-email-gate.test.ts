// REQUIRE_VERIFIED_EMAIL (lib/auth/verified-email-gate.ts): off by default; on, an unverified person
// cannot create keys (portal or management API, where a team key stands for its creator), top up or
// accept an invitation, and a verified one can.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requireVerifiedEmailFor } from "@/lib/auth/verified-email-gate";
import { createTopUpCheckout } from "@/lib/billing/stripe/create-top-up-checkout";
import { createTeamWithOwner } from "../factories";
import { createKey, userActor } from "../support/key-factories";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error) => error,
  );
const verify = (userId: string) => db.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });

afterEach(() => {
  delete process.env.REQUIRE_VERIFIED_EMAIL;
});

describe("REQUIRE_VERIFIED_EMAIL", () => {
  it("is off by default: an unverified owner creates keys", async () => {
    const { team, owner } = await createTeamWithOwner();
    await expect(createKey(team.id, userActor(owner.id))).resolves.toMatchObject({ apiKey: { createdById: owner.id } });
  });

  it("on: refuses key creation to an unverified person with a sentence that says what to do, and allows it once verified", async () => {
    process.env.REQUIRE_VERIFIED_EMAIL = "true";
    const { team, owner } = await createTeamWithOwner();
    const refused = await failure(createKey(team.id, userActor(owner.id)));
    expect(refused).toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/^Verify your email address before you create API keys/),
    });
    expect(await db.apiKey.count({ where: { teamId: team.id } })).toBe(0);
    await verify(owner.id);
    await expect(createKey(team.id, userActor(owner.id))).resolves.toBeTruthy();
  });

  it("on: a non-member still gets 404 first, not a hint about verification", async () => {
    process.env.REQUIRE_VERIFIED_EMAIL = "1";
    const { team } = await createTeamWithOwner();
    const { owner: stranger } = await createTeamWithOwner();
    expect(await failure(createKey(team.id, userActor(stranger.id)))).toMatchObject({ code: "not_found" });
  });

  it("on: a management key stands for the person who created it; the admin token passes", async () => {
    const { team, owner } = await createTeamWithOwner();
    await verify(owner.id);
    const { apiKey: manageKey } = await createKey(team.id, userActor(owner.id), { scopeManage: true });
    process.env.REQUIRE_VERIFIED_EMAIL = "true";
    const keyActor = { type: "API_KEY" as const, keyId: manageKey.id, teamId: team.id };
    await expect(createKey(team.id, keyActor)).resolves.toBeTruthy();
    await db.user.update({ where: { id: owner.id }, data: { emailVerified: null } });
    expect(await failure(createKey(team.id, keyActor))).toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/the person who created this key has not verified theirs/),
    });
    await expect(createKey(team.id, { type: "ADMIN_TOKEN" })).resolves.toBeTruthy();
  });

  it("on: refuses a top-up before anything reaches Stripe", async () => {
    process.env.REQUIRE_VERIFIED_EMAIL = "true";
    const { team, owner } = await createTeamWithOwner();
    expect(await failure(createTopUpCheckout(team.id, { amountMicros: 25_000_000n }, owner.id))).toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/before you top up credit/),
    });
    expect(await db.payment.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("on: refuses accepting an invitation until verified", async () => {
    const { owner } = await createTeamWithOwner();
    await expect(requireVerifiedEmailFor(userActor(owner.id), "accept an invitation")).resolves.toBeUndefined();
    process.env.REQUIRE_VERIFIED_EMAIL = "true";
    expect(await failure(requireVerifiedEmailFor(userActor(owner.id), "accept an invitation"))).toMatchObject({
      message: expect.stringMatching(/before you accept an invitation/),
    });
    await verify(owner.id);
    await expect(requireVerifiedEmailFor(userActor(owner.id), "accept an invitation")).resolves.toBeUndefined();
  });
});
