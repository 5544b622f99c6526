// Property-based: the server actions of the portal and the admin console, called directly with
// generated FormData (their own field names with fitting, wrong and hostile values, plus names they
// do not expect), as the team's owner who is also the platform admin. Properties: an action answers
// with a state or one of Next.js's redirect / not-found signals, never the generic "went wrong on
// our side" (an unexpected error) and never an error in the log; the ledger invariant holds after.
// Left out: actions that leave the machine (the Stripe top-up) or end the fixture (leave and delete
// the team), and sign-in / sign-up, which need Auth.js's request context.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import type { ActionState } from "@/lib/auth/action";
import { addMember, createTeamWithOwner } from "../factories";
import { expectLedgerInvariant } from "../support/ledger";
import { createTeamKey, seedApi } from "../support/management-factories";
import { fuzzRuns, fuzzTimeout, nastyText } from "./arbitraries";
import { captureLogs, LEVEL } from "../support/log-capture";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  requirePlatformAdmin: async () => session.user,
  requireUser: async () => session.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const RUNS = fuzzRuns(8);
type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

const modules = {
  teams: await import("@/app/(portal)/teams/new/actions"),
  settings: await import("@/app/(portal)/[team]/settings/actions"),
  members: await import("@/app/(portal)/[team]/members/actions"),
  keys: await import("@/app/(portal)/[team]/keys/actions"),
  catalog: await import("@/app/(portal)/[team]/catalog/actions"),
  billing: await import("@/app/(portal)/[team]/billing/settings-actions"),
  notices: await import("@/app/(portal)/[team]/subscriptions/actions"),
  invite: await import("@/app/(auth)/invite/[token]/actions"),
  admin: await import("@/app/(admin)/admin/actions"),
  users: await import("@/app/(admin)/admin/users/actions"),
  credit: await import("@/app/(admin)/admin/credit/actions"),
  approvals: await import("@/app/(admin)/admin/approvals/actions"),
  apis: await import("@/app/(admin)/admin/apis/actions"),
  ai: await import("@/app/(admin)/admin/ai/actions"),
};
const { leaveTeamAction: _leave, deleteTeamAction: _delete, ...settingsActions } = modules.settings;
const ACTIONS: [string, Action][] = Object.entries({ ...modules, settings: settingsActions }).flatMap(([module, actions]) =>
  Object.entries(actions).map(([name, action]) => [`${module}.${name}`, action as Action] as [string, Action]),
);

const FIELDS = [
  "team",
  "name",
  "id",
  "role",
  "email",
  "api",
  "plan",
  "grace",
  "scope",
  "expiry",
  "spendCap",
  "scopeManage",
  "lowBalanceThreshold",
  "webhookUrl",
  "enabled",
  "threshold",
  "amount",
  "ids",
  "reason",
  "kind",
  "idempotencyKey",
  "apiSlug",
  "status",
  "sunsetDate",
  "deprecationMessage",
  "slug",
  "version",
  "visibility",
  "tags",
  "summary",
  "description",
  "upstreamBaseUrl",
  "upstreamAuthHeader",
  "upstreamCredential",
  "upstreamConnectTimeoutMs",
  "upstreamTimeoutMs",
  "plans.0.slug",
  "plans.0.name",
  "plans.0.price",
  "plans.0.rateLimit",
  "plans.0.rateLimitWindowSec",
  "plans.0.maxRequestBytes",
  "plans.0.chargePolicy",
  "openapiText",
  "token",
  "userId",
  "models",
  "plans.0.allowedModels",
  "plans.0.tokensPerMinute",
  "plans.0.maxOutputTokens",
  "providerId",
  "baseUrl",
  "apiKey",
  "extraHeaders",
  "clear-apiKey",
  "connectTimeoutMs",
  "timeoutMs",
  "model",
  "publicId",
  "displayName",
  "contextWindow",
  "maxOutputTokens",
  "supportsTools",
  "inputPrice",
  "cachedInputPrice",
  "outputPrice",
  "deployments.0.provider",
  "deployments.0.providerModel",
  "provider",
  "providerModel",
  "weight",
  "priority",
  "deploymentId",
] as const;

let teamId: string;
let fieldValues: Record<string, fc.Arbitrary<string>>;

beforeAll(async () => {
  const { team, owner } = await createTeamWithOwner();
  session.user = { id: owner.id, email: owner.email, name: null, isPlatformAdmin: true };
  const member = await addMember(team.id, "MEMBER");
  const api = await seedApi({}, [{ slug: "free" }, { slug: "gated", requiresApproval: true }]);
  const key = await createTeamKey(team.id);
  // The model registry: a provider nobody listens for (its test is refused at once) and a model on it.
  const provider = await db.aiProvider.create({
    data: { slug: `fuzz-${team.slug}`, name: "Fuzz provider", kind: "OPENAI", baseUrl: "http://127.0.0.1:9/v1" },
  });
  const model = await db.aiModel.create({
    data: {
      publicId: `fuzz-${team.slug}`,
      displayName: "Fuzz",
      contextWindow: 8_000,
      maxOutputTokens: 1_000,
      deployments: { create: { providerId: provider.id, providerModel: "fuzz" } },
    },
    include: { deployments: true },
  });
  teamId = team.id;
  const ids = [member.user.id, key.row.id, api.id, owner.id];
  fieldValues = {
    team: fc.constantFrom(team.slug, team.slug, team.id, "no-such-team"),
    id: fc.constantFrom(...ids),
    userId: fc.constantFrom(...ids),
    ids: fc.constantFrom(ids.join(","), ""),
    role: fc.constantFrom("OWNER", "ADMIN", "MEMBER", "GOD"),
    email: fc.constantFrom(member.user.email, "new-person@example.test", "not-an-email"),
    api: fc.constantFrom(api.slug, "demo"),
    apiSlug: fc.constantFrom(api.slug, "demo", "nope"),
    plan: fc.constantFrom("free", "gated", "nope"),
    grace: fc.constantFrom("0", "3600", "86400", "604800", "-1"),
    scope: fc.constantFrom("all", "selected"),
    expiry: fc.constantFrom("none", "30", "90", "365", "7"),
    amount: fc.constantFrom("5", "12.50", "-3", "999999999999.999999", "0.0000001", "1e3"),
    spendCap: fc.constantFrom("", "5", "12.50", "-1"),
    threshold: fc.constantFrom("1", "0", "5.5"),
    lowBalanceThreshold: fc.constantFrom("", "1", "x"),
    kind: fc.constantFrom("GRANT", "ADJUSTMENT", "REFUND"),
    idempotencyKey: fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/),
    status: fc.constantFrom("PUBLISHED", "DEPRECATED", "RETIRED", "DRAFT"),
    sunsetDate: fc.constantFrom("", "2030-06-30", "2020-01-01", "2030-02-30"),
    // No DNS for made-up hosts: URLs are IP literals or not URLs at all.
    upstreamBaseUrl: fc.constantFrom("http://127.0.0.1:9", "https://10.0.0.1/v1", "not a url", ""),
    baseUrl: fc.constantFrom("http://127.0.0.1:9/v1", "https://10.0.0.1/v1", "not a url", ""),
    providerId: fc.constantFrom(provider.id, provider.slug, "nope"),
    provider: fc.constantFrom(provider.id, provider.slug, "nope"),
    "deployments.0.provider": fc.constantFrom(provider.id, ""),
    model: fc.constantFrom(model.publicId, "nope"),
    models: fc.constantFrom(model.publicId, "nope", ""),
    "plans.0.allowedModels": fc.constantFrom(model.publicId, "nope"),
    deploymentId: fc.constantFrom(model.deployments[0]!.id, "nope"),
    extraHeaders: fc.constantFrom("", "X-Org: 1", "Authorization: x", "no colon"),
    contextWindow: fc.constantFrom("8000", "0", "x", ""),
    maxOutputTokens: fc.constantFrom("1000", "0", "99999999", ""),
    inputPrice: fc.constantFrom("1", "2.50", "-1", "20000", ""),
    outputPrice: fc.constantFrom("1", "0", "x", ""),
    webhookUrl: fc.constantFrom("", "http://127.0.0.1:9/hook", "https://10.1.1.1/x", "javascript:alert(1)"),
    openapiText: fc.constantFrom(
      "",
      "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
      `{"openapi":"3.1.0","x":${"[".repeat(5000)}${"]".repeat(5000)}}`,
      '{"openapi":"3.1.0","info":{"title":"\\u0000"}}',
    ),
  };
});
afterAll(async () => expectLedgerInvariant(teamId));

const formArbitrary = () =>
  fc
    .tuple(
      fc
        .subarray([...FIELDS])
        .chain((names) =>
          fc.tuple(
            ...names.map((name) =>
              fc.tuple(
                fc.constant(name),
                fieldValues[name] && name !== "upstreamBaseUrl" && name !== "webhookUrl" && name !== "baseUrl"
                  ? fc.oneof({ weight: 4, arbitrary: fieldValues[name] }, { weight: 1, arbitrary: nastyText })
                  : (fieldValues[name] ?? nastyText),
              ),
            ),
          ),
        ),
      fc.dictionary(nastyText, nastyText, { maxKeys: 2 }),
      fieldValues.team!,
    )
    .map(([known, extra, team]) => {
      const form = new FormData();
      form.set("team", team);
      for (const [name, value] of [...Object.entries(extra), ...known]) form.set(name, value);
      return form;
    });

/** Next.js's control flow (redirect(), notFound()) travels as thrown errors with a digest. */
const isNextSignal = (error: unknown) =>
  /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK)/.test(String((error as { digest?: unknown } | null)?.digest ?? ""));

describe("server actions under generated form data", () => {
  it.each(ACTIONS)(
    "%s answers every form without an unexpected error",
    async (_, action) => {
      const logged = vi.spyOn(console, "error");
      const logs = captureLogs("warn");
      try {
        await fc.assert(
          // Now and then not a form at all: a forged call can pass the action any value.
          fc.asyncProperty(
            fc.oneof({ weight: 9, arbitrary: formArbitrary() }, { weight: 1, arbitrary: fc.anything() as fc.Arbitrary<FormData> }),
            async (form) => {
              logged.mockClear();
              logs.clear();
              const state = await action({}, form).catch((error: unknown) => {
                if (isNextSignal(error)) return {} as ActionState;
                throw error;
              });
              expect(state.error ?? "").not.toMatch(/went wrong on our side/);
              expect(logged).not.toHaveBeenCalled();
              expect(logs.lines(LEVEL.error)).toEqual([]);
            },
          ),
          { numRuns: RUNS },
        );
      } finally {
        logged.mockRestore();
        logs.stop();
      }
    },
    fuzzTimeout(RUNS, 300),
  );
});
