// Server actions with form fields PostgreSQL cannot store: the action helper refuses the whole form
// before any field is read (some actions read `team` or an API slug before their schema runs), with
// a message on the field, and nothing reaches the database or the error log.
import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation";
import { createTeamWithOwner } from "../factories";
import { expectNoErrorLog } from "../support/no-error-log";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  requirePlatformAdmin: async () => session.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createTeamAction } = await import("@/app/(portal)/teams/new/actions");
const { renameTeamAction } = await import("@/app/(portal)/[team]/settings/actions");
const { grantCreditAction } = await import("@/app/(admin)/admin/credit/actions");
const { updateApiAction } = await import("@/app/(admin)/admin/apis/actions");
const { signInAction } = await import("@/app/(auth)/actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const refusedOn = (field: string) =>
  expect.objectContaining({ ok: false, error: "Check the highlighted fields.", fieldErrors: { [field]: UNSTORABLE_TEXT_MESSAGE } });

expectNoErrorLog();

describe("a form field with NUL", () => {
  it("is a field message on user, team and admin actions, and on the fields read before the schema", async () => {
    const { team, owner } = await createTeamWithOwner();
    session.user = { id: owner.id, email: owner.email, name: null, isPlatformAdmin: true };
    expect(await createTeamAction({}, form({ name: "Acme\u0000" }))).toEqual(refusedOn("name"));
    expect(await renameTeamAction({}, form({ team: `${team.slug}\u0000`, name: "New name" }))).toEqual(refusedOn("team"));
    expect(await grantCreditAction({}, form({ team: team.slug, idempotencyKey: "abcdefgh12", amount: "5", reason: "why\u0000" }))).toEqual(
      refusedOn("reason"),
    );
    expect(await updateApiAction({}, form({ apiSlug: "a\u0000b", name: "x" }))).toMatchObject({
      ok: false,
      fieldErrors: { apiSlug: UNSTORABLE_TEXT_MESSAGE },
    });
  });

  it("is refused on sign-in before any account is looked up", async () => {
    session.user = null;
    expect(await signInAction({}, form({ email: "a\u0000@example.test", password: "secret-password" }))).toEqual(refusedOn("email"));
  });
});

describe("an action called with something that is not a form", () => {
  it("is refused with a message, not an error in the log (a forged call can pass any value)", async () => {
    const { team, owner } = await createTeamWithOwner();
    session.user = { id: owner.id, email: owner.email, name: null, isPlatformAdmin: true };
    for (const forged of ["team=x", 42, {}, [["team", team.slug]], undefined, null]) {
      const notAForm = forged as unknown as FormData;
      for (const action of [createTeamAction, renameTeamAction, grantCreditAction, updateApiAction]) {
        expect(await action({}, notAForm)).toMatchObject({
          ok: false,
          error: "This action takes a form. Reload the page and submit it again.",
        });
      }
    }
  });
});
