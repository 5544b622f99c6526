// components/keys/key-row-view.ts: what the keys table shows and which actions it offers a viewer.
import { describe, expect, it } from "vitest";
import type { PublicApiKey } from "@/lib/keys/public-api-key";
import { toKeyRowView, type KeyRowContext } from "@/components/keys/key-row-view";

const key = (overrides: Partial<PublicApiKey> = {}): PublicApiKey => ({
  id: "k1",
  name: "Backend",
  prefix: "tg_live_",
  lastFour: "abcd",
  masked: "tg_live_…abcd",
  scopeAllApis: true,
  scopeApiIds: [],
  scopeManage: false,
  expiresAt: null,
  revokedAt: null,
  spendCap: null,
  spent: 2_500_000n,
  lastUsedAt: null,
  createdAt: new Date("2026-03-04T10:00:00Z"),
  createdById: "alice",
  rotatedToId: null,
  status: "active",
  ...overrides,
});

const context = (overrides: Partial<KeyRowContext> = {}): KeyRowContext => ({
  viewerId: "bob",
  viewerIsAdmin: false,
  currency: "USD",
  apiNames: new Map([["api1", "Quotes"]]),
  memberNames: new Map([["alice", "Alice"]]),
  ...overrides,
});

describe("toKeyRowView", () => {
  it("formats scopes, creator, dates and spend", () => {
    const view = toKeyRowView(
      key({ scopeAllApis: false, scopeApiIds: ["api1", "gone"], spendCap: 10_000_000n, expiresAt: new Date("2027-01-02T03:04:00Z") }),
      context(),
    );
    expect(view).toMatchObject({
      scopes: "Quotes, a removed API",
      createdBy: "Alice",
      created: "Mar 4, 2026",
      lastUsed: "Never",
      spend: "$2.50 / $10.00",
      expires: "Jan 2, 2027, 03:04 UTC",
      expiresNote: null,
    });
    expect(toKeyRowView(key({ createdById: "carol" }), context()).createdBy).toBe("a former member");
    // Without a cap the gateway does not count `spent`: the key's lifetime spend from its usage is shown.
    expect(toKeyRowView(key({ createdById: null }), context({ lifetimeSpend: new Map([["k1", 3_100_000n]]) }))).toMatchObject({
      createdBy: null,
      spend: "$3.10 / no cap",
      scopes: "All subscribed APIs",
    });
  });

  it("offers members revoke and rotate only on their own live keys, admins on every live key", () => {
    expect(toKeyRowView(key(), context())).toMatchObject({ canRevoke: false, canRotate: false });
    expect(toKeyRowView(key(), context({ viewerId: "alice" }))).toMatchObject({ canRevoke: true, canRotate: true });
    expect(toKeyRowView(key(), context({ viewerIsAdmin: true }))).toMatchObject({ canRevoke: true, canRotate: true });
    const rotating = key({ status: "rotating", rotatedToId: "k2", expiresAt: new Date("2027-01-02T03:04:00Z") });
    expect(toKeyRowView(rotating, context({ viewerIsAdmin: true }))).toMatchObject({
      canRevoke: true,
      canRotate: false,
      expiresNote: expect.stringMatching(/grace/),
    });
    expect(toKeyRowView(key({ spendCap: 12_500_000n }), context({ viewerId: "alice" })).edit).toEqual({
      spendCap: "12.5",
      expiresOn: "",
      currency: "USD",
    });
    expect(toKeyRowView(key(), context()).edit).toBeNull();
    expect(toKeyRowView(rotating, context({ viewerIsAdmin: true })).edit).toBeNull();
    for (const status of ["revoked", "expired", "rotated"] as const) {
      expect(toKeyRowView(key({ status }), context({ viewerIsAdmin: true }))).toMatchObject({ canRevoke: false, canRotate: false });
    }
  });
});
