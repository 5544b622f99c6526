// A grant or adjustment that would push a balance past PostgreSQL's int8 (the BigInt column of
// micro-units) is a 422 on the amount, through the domain, the management API and the admin form;
// nothing moves and nothing is logged as an error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { grantCredit } from "@/lib/billing/grant-credit";
import * as creditsRoute from "@/app/api/v1/teams/[team]/credits/route";
import { createTeamWithOwner } from "../factories";
import { expectLedgerInvariant } from "../support/ledger";
import { call } from "../support/management-factories";
import { expectNoErrorLog } from "../support/no-error-log";

const MOST = "999999999999.999999"; // the largest amount the schema accepts
const beyond = { amount: expect.stringContaining("the most it can hold") };

expectNoErrorLog();

// The per-grant guardrail (ADMIN_GRANT_MAX, test/billing/grant-guardrails.test.ts) would stop these
// first; lifted here, the balance's own range is what refuses.
const guardrail = process.env.ADMIN_GRANT_MAX;
beforeAll(() => void (process.env.ADMIN_GRANT_MAX = MOST));
afterAll(() => {
  if (guardrail === undefined) delete process.env.ADMIN_GRANT_MAX;
  else process.env.ADMIN_GRANT_MAX = guardrail;
});

describe("a credit beyond the balance's range", () => {
  it("is refused by the management API with 422 on amount once the balance is near the top", async () => {
    const { team } = await createTeamWithOwner();
    const grant = () =>
      call(creditsRoute.POST, "POST", `/api/v1/teams/${team.slug}/credits`, {
        params: { team: team.slug },
        body: { amount: MOST, reason: "huge grant" },
      });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const result = await grant();
      statuses.push(result.status);
      if (result.status !== 201) {
        expect(result).toMatchObject({ status: 422, body: { code: "validation_failed", errors: beyond } });
        break;
      }
    }
    expect(statuses).toEqual([...Array(9).fill(201), 422]);
    expect(await expectLedgerInvariant(team.id)).toBe(9n * 999_999_999_999_999_999n);
  });

  it("refuses a negative adjustment past the bottom the same way, and moves nothing", async () => {
    const { team } = await createTeamWithOwner();
    const adjust = () =>
      grantCredit(team.id, { amount: -999_999_999_999_999_999n, kind: "ADJUSTMENT", reason: "clawback" }, { type: "SYSTEM" });
    for (let attempt = 0; attempt < 9; attempt++) await adjust();
    await expect(adjust()).rejects.toEqual(expect.objectContaining({ code: "validation_failed", fieldErrors: beyond }));
    await expect(adjust()).rejects.toBeInstanceOf(AppError);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id } })).toBe(9);
    await expectLedgerInvariant(team.id);
  });
});
