// OpenAPI documents an admin can publish but the stack cannot walk, or the database cannot store:
// nested 20,000 deep (as YAML, as JSON text, as a JSON object) or holding NUL / a lone surrogate.
// Each is a problem the form and the management API show, never a 500.
import { describe, expect, it } from "vitest";
import { OPENAPI_MAX_DEPTH, parseOpenApiText, validateOpenApiObject } from "@/lib/catalog/openapi-document";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation";

const HEAD = `openapi: 3.1.0\ninfo: {title: Deep, version: "1"}\npaths: {}\n`;
const TOO_DEEP = expect.stringContaining(`nested more than ${OPENAPI_MAX_DEPTH} levels deep`);

/** `levels` arrays inside one another, as a JS value (built bottom-up, no recursion). */
function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
}

describe("an OpenAPI document nested too deep", () => {
  it("is refused by name when it comes as YAML or JSON text 20,000 deep", async () => {
    const depth = 20_000;
    for (const text of [
      `${HEAD}x-deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`,
      `${HEAD}x-deep:\n  ${"- ".repeat(depth)}x\n`,
      `{"openapi":"3.1.0","x":${"[".repeat(depth)}${"]".repeat(depth)}}`,
    ]) {
      const result = await parseOpenApiText(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]).toMatchObject({ message: TOO_DEEP });
    }
  });

  it("is refused as an object, just past the limit as much as 20,000 deep", async () => {
    for (const levels of [OPENAPI_MAX_DEPTH, 20_000]) {
      expect(
        await validateOpenApiObject({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: {}, "x-deep": nestedArrays(levels) }),
      ).toEqual({ ok: false, problems: [{ message: TOO_DEEP, pointer: "" }] });
    }
    const fits = await validateOpenApiObject({
      openapi: "3.1.0",
      info: { title: "x", version: "1" },
      paths: {},
      "x-deep": nestedArrays(OPENAPI_MAX_DEPTH - 1),
    });
    expect(fits.ok).toBe(true);
  });
});

describe("text PostgreSQL cannot store in an OpenAPI document", () => {
  it("is refused with its pointer and line, from JSON escapes in the text", async () => {
    for (const escape of ["\\u0000", "\\ud800"]) {
      const result = await parseOpenApiText(`{\n"openapi": "3.1.0",\n"info": {"title": "a${escape}", "version": "1"},\n"paths": {}\n}`);
      expect(result).toEqual({ ok: false, problems: [{ message: UNSTORABLE_TEXT_MESSAGE, pointer: "/info/title", line: 3, column: 10 }] });
    }
  });

  it("is refused in keys too", async () => {
    const result = await validateOpenApiObject({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: { "/a\u0000": {} } });
    expect(result).toEqual({ ok: false, problems: [{ message: UNSTORABLE_TEXT_MESSAGE, pointer: "/paths/~1a\ufffd" }] });
  });
});
