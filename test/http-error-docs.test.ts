import { describe, expect, it } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { allErrorDocs, errorDoc } from "@/lib/http/error-docs";
import { problemBody } from "@/lib/http/problem";

describe("error docs", () => {
  it("document every error code with its status, a meaning and a fix", () => {
    const documented = allErrorDocs()
      .map((doc) => doc.code)
      .sort();
    expect(documented).toEqual((Object.keys(ERROR_STATUS) as ErrorCode[]).sort());
    for (const doc of allErrorDocs()) {
      expect(doc.status).toBe(ERROR_STATUS[doc.code]);
      expect(doc.meaning.length).toBeGreaterThan(30);
      expect(doc.fix.length).toBeGreaterThan(20);
    }
  });

  it("give each problem its title and a type URL that names the code", () => {
    const body = problemBody("insufficient_credit", "Top up.", "req_1");
    expect(body.title).toBe(errorDoc("insufficient_credit").title);
    expect(body.type).toBe("http://localhost:3000/docs/errors/insufficient_credit");
  });
});
