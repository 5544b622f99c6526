// Operations run without HTTP (the way an MCP server or a CLI would run them) get the same
// authorization and validation as the /api/v1 routes: nothing is left to the Next.js adapter.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { executeOperation, type OperationCall } from "@/lib/management/execute-operation";
import { getTeamOperation } from "@/lib/management/operations/teams";
import { grantCreditOperation } from "@/lib/management/operations/credits";
import { createTeamWithOwner } from "../factories";
import { adminToken, createTeamKey } from "../support/management-factories";

function callWith(token: string, fields: Partial<OperationCall> = {}): OperationCall {
  return {
    requestId: "req_test",
    headers: new Headers({ authorization: `Bearer ${token}` }),
    params: {},
    query: {},
    readBody: async () => undefined,
    ...fields,
  };
}

describe("executeOperation", () => {
  it("runs an operation and passes its output through the response schema", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const result = await executeOperation(getTeamOperation, callWith(key, { params: { team: team.slug } }));
    expect(result).toMatchObject({ status: 200, body: { id: team.id, slug: team.slug, balance: "0.000000" } });
  });

  it("refuses another team's key as not found and a team key on an admin-only operation, before reading the body", async () => {
    const mine = await createTeamWithOwner();
    const other = await createTeamWithOwner();
    const { key } = await createTeamKey(mine.team.id);
    let bodyRead = false;
    const readBody = async () => {
      bodyRead = true;
      return { amount: "5", reason: "mine now" };
    };
    await expect(
      executeOperation(grantCreditOperation, callWith(key, { params: { team: other.team.slug }, readBody })),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      executeOperation(grantCreditOperation, callWith(key, { params: { team: mine.team.slug }, readBody })),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(bodyRead).toBe(false);
    expect(await db.team.findUniqueOrThrow({ where: { id: mine.team.id } })).toMatchObject({ balance: 0n });
  });

  it("answers a replayed credit with its own status and header", async () => {
    const { team } = await createTeamWithOwner();
    const headers = new Headers({ authorization: `Bearer ${adminToken()}`, "idempotency-key": "execute-operation-1" });
    const call = callWith(adminToken(), {
      headers,
      params: { team: team.id },
      readBody: async () => ({ amount: "2.50", reason: "pilot" }),
    });
    expect(await executeOperation(grantCreditOperation, call)).toMatchObject({ status: 201, body: { balance: "2.500000" } });
    const replay = await executeOperation(grantCreditOperation, call);
    expect(replay).toMatchObject({ status: 200, headers: { "idempotent-replayed": "true" }, body: { balance: "2.500000" } });
  });
});
