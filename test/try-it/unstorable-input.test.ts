// The try-it console's request with text PostgreSQL cannot store (the team and key it names are
// looked up): a 422 naming the field, before any lookup.
import { describe, expect, it } from "vitest";
import { runTryIt } from "@/lib/try-it/run-try-it";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation";
import { createUser } from "../factories";

describe("runTryIt with unstorable text", () => {
  it("refuses NUL in the team or key id with a field message", async () => {
    const user = await createUser();
    const request = { team: "acme", keyId: "key", api: "demo", method: "GET", path: "/" };
    await expect(runTryIt(user.id, { ...request, team: "ac\u0000me" })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { team: UNSTORABLE_TEXT_MESSAGE },
    });
    await expect(runTryIt(user.id, { ...request, keyId: "\u0000" })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { keyId: UNSTORABLE_TEXT_MESSAGE },
    });
  });
});
