// Property-based: every management API operation, called over HTTP (runOperation) with path
// parameters, query and body generated from its zod schemas and bent beyond them (wrong types,
// unknown fields, NUL, lone surrogates, garbage bodies), as the admin, as a team key and as nobody.
// Properties: never a 5xx, never an error in the log, a refused call moves no money, and the
// ledger invariant holds afterwards.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { AnyOperation } from "@/lib/management/define-operation";
import { OPERATIONS } from "@/lib/management/operations";
import { runOperation } from "@/lib/management/run-operation";
import { createTeamWithOwner } from "../factories";
import { expectLedgerInvariant } from "../support/ledger";
import { adminToken, createTeamKey, seedApi } from "../support/management-factories";
import { fuzzRuns, fuzzTimeout, inputFor, nastyJson, nastyText } from "./arbitraries";
import { captureLogs, LEVEL } from "../support/log-capture";

const RUNS = fuzzRuns(10);

type World = {
  teamId: string;
  params: Record<string, string[]>;
  tokens: Record<string, string | null>;
  overrides: Record<string, fc.Arbitrary<unknown>>;
};
let world: World;

beforeAll(async () => {
  const { team, owner } = await createTeamWithOwner();
  const other = await createTeamWithOwner();
  const api = await seedApi({}, [{ slug: "free" }, { slug: "gated", requiresApproval: true }]);
  const { key } = await createTeamKey(team.id);
  const victim = await createTeamKey(team.id, { name: "victim" });
  const pending = await db.subscription.create({
    data: { teamId: other.team.id, apiId: api.id, planId: api.plans[1]!.id, status: "PENDING" },
  });
  world = {
    teamId: team.id,
    params: {
      team: [team.slug, team.id, other.team.slug],
      slug: [api.slug, "demo"],
      api: [api.slug],
      id: [victim.row.id, pending.id],
      model: ["demo-chat", "no-such-model"],
    },
    tokens: { admin: adminToken(), team: key, none: null },
    // No DNS for made-up hosts: upstreams are IP literals or not URLs at all.
    overrides: {
      upstreamBaseUrl: fc.constantFrom("http://127.0.0.1:9", "https://10.0.0.1/v1", "http://[::1]:8080", "ftp://127.0.0.1/", "not a url"),
      ownerEmail: fc.oneof(fc.constant(owner.email), nastyText),
      openapi: fc.oneof(fc.constant({ openapi: "3.1.0", info: { title: "Fuzz", version: "1" }, paths: {} }), nastyJson),
    },
  };
});

afterAll(async () => {
  await expectLedgerInvariant(world.teamId);
});

const balance = async () => (await db.team.findUniqueOrThrow({ where: { id: world.teamId }, select: { balance: true } })).balance;

function callArbitrary(operation: AnyOperation) {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  // A parameter this file has no real value for (an operation added later) still gets hostile ones.
  const known = (name: string) => world.params[name] ?? [];
  const params = fc.record(
    Object.fromEntries(names.map((name) => [name, known(name).length ? fc.oneof(fc.constantFrom(...known(name)), nastyText) : nastyText])),
  );
  const query = operation.query ? inputFor(operation.query) : fc.dictionary(nastyText, nastyText, { maxKeys: 2 });
  const body = operation.body
    ? fc.oneof(
        { weight: 5, arbitrary: inputFor(operation.body, world.overrides).map((value) => JSON.stringify(value)) },
        { weight: 1, arbitrary: nastyText },
      )
    : fc.constant(undefined);
  return fc.record({ caller: fc.constantFrom("admin", "team", "none"), params, query, body });
}

function toRequest(
  operation: AnyOperation,
  call: { caller: string; params: Record<string, string>; query: unknown; body: string | undefined },
): Request {
  // The handler takes the path parameters from `params` (decoded, as Next.js passes them), not the URL.
  const url = new URL(`http://localhost${operation.path.replace(/\{(\w+)\}/g, "param")}`);
  if (call.query && typeof call.query === "object")
    for (const [name, value] of Object.entries(call.query))
      url.searchParams.append(name, typeof value === "string" ? value : JSON.stringify(value));
  const token = world.tokens[call.caller];
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (call.body !== undefined) headers["content-type"] = "application/json";
  return new Request(url, { method: operation.method, headers, body: call.body });
}

describe("the management API under generated input", () => {
  it.each(OPERATIONS.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    "%s never answers 5xx or moves money when it refuses",
    async (_, operation) => {
      const logged = vi.spyOn(console, "error");
      const logs = captureLogs("warn");
      try {
        await fc.assert(
          fc.asyncProperty(callArbitrary(operation), async (call) => {
            logged.mockClear();
            logs.clear();
            const before = await balance();
            const response = await runOperation(operation, { request: toRequest(operation, call), params: call.params });
            const text = await response.text();
            expect(response.status, text).toBeLessThan(500);
            expect(logged).not.toHaveBeenCalled();
            expect(logs.lines(LEVEL.error)).toEqual([]);
            if (response.status >= 400) {
              expect(response.headers.get("content-type")).toBe("application/problem+json");
              expect(await balance()).toBe(before);
            }
          }),
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
