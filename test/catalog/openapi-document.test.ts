// OpenAPI documents as admins publish them: JSON or YAML text with problems by line, or a JSON
// object with problems by pointer; 3.0 and 3.1 pass, Swagger 2.0 and oversized documents do not.
import { describe, expect, it } from "vitest";
import {
  describeProblem,
  invalidOpenApi,
  OPENAPI_MAX_BYTES,
  parseOpenApiText,
  validateOpenApiObject,
} from "@/lib/catalog/openapi-document";

const minimal31 = {
  openapi: "3.1.0",
  info: { title: "Weather", version: "1.0.0" },
  paths: { "/forecast": { get: { responses: { "200": { description: "A forecast" } } } } },
};

const yaml30 = `openapi: 3.0.3
info:
  title: Weather
  version: "1.0"
paths:
  /forecast:
    get:
      parameters:
        - name: city
          in: query
          schema:
            type: string
      responses:
        "200":
          description: A forecast
`;

async function problemsOf(text: string) {
  const result = await parseOpenApiText(text);
  if (result.ok) throw new Error("expected the document to be refused");
  return result.problems;
}

describe("parseOpenApiText", () => {
  it("accepts OpenAPI 3.1 as JSON and 3.0 as YAML and returns the parsed document", async () => {
    const json = await parseOpenApiText(JSON.stringify(minimal31, null, 2));
    expect(json).toEqual({ ok: true, document: minimal31 });
    const yaml = await parseOpenApiText(yaml30);
    expect(yaml.ok).toBe(true);
    if (yaml.ok)
      expect(yaml.document).toMatchObject({
        openapi: "3.0.3",
        info: { version: "1.0" },
        paths: { "/forecast": { get: { parameters: [{ name: "city", in: "query" }] } } },
      });
  });

  it("reports a syntax error with its line and column", async () => {
    const text = '{\n  "openapi": "3.1.0",\n  "info": { "title": "x", "version": "1" },\n  "paths": {\n}\n';
    const [problem] = await problemsOf(text);
    expect(problem).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(problem!.line).toBeGreaterThanOrEqual(5);
    expect(problem!.message).toMatch(/end with a \}/);
    const duplicate = await problemsOf("openapi: 3.1.0\ninfo:\n  title: a\n  title: b\n");
    expect(duplicate[0]).toMatchObject({ line: 4, message: expect.stringContaining("unique") });
  });

  it("maps a schema error to the line of the offending value", async () => {
    // `in: qery` (line 10) is no parameter location; the 200 response lacks its description (line 14).
    const broken = yaml30.replace("in: query", "in: qery").replace("description: A forecast", "summary: A forecast");
    const problems = await problemsOf(broken);
    expect(problems).toContainEqual(
      expect.objectContaining({ pointer: "/paths/~1forecast/get/parameters/0/in", line: 10, message: expect.stringContaining('"query"') }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        pointer: "/paths/~1forecast/get/responses/200",
        line: 14,
        message: "is missing the required property `description`.",
      }),
    );
    // the unknown property is reported where it is written
    expect(problems).toContainEqual(expect.objectContaining({ pointer: "/paths/~1forecast/get/responses/200/summary", line: 15 }));
    expect(problems.every((problem) => !/oneOf|\$ref/.test(problem.message))).toBe(true);
    expect(describeProblem(problems[0]!)).toMatch(/^Line \d+, column \d+: /);
  });

  it("refuses Swagger 2.0 with a clear message, and documents without a 3.0/3.1 version", async () => {
    const [swagger] = await problemsOf('swagger: "2.0"\ninfo:\n  title: Old\n  version: "1"\npaths: {}\n');
    expect(swagger).toMatchObject({ line: 1, pointer: "/swagger", message: expect.stringContaining("Swagger 2.0") });
    expect((await problemsOf("openapi: 3.1\ninfo: {}\n"))[0]!.message).toContain("must be a string");
    expect((await problemsOf('openapi: "4.0.0"\n'))[0]!.message).toContain("use 3.0.x or 3.1.x");
    expect((await problemsOf("title: nothing\n"))[0]!.message).toContain("no `openapi` field");
    expect((await problemsOf("- a\n- b\n"))[0]!.message).toContain("must be an object");
  });

  it("refuses a document over the size limit before parsing it", async () => {
    const big = JSON.stringify({ ...minimal31, "x-padding": "a".repeat(OPENAPI_MAX_BYTES) });
    const [problem] = await problemsOf(big);
    expect(problem!.message).toContain("over 1 MiB");
  });

  it("refuses a reference to a missing component at the line of the $ref", async () => {
    const text =
      'openapi: 3.1.0\ninfo: { title: a, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          $ref: "#/components/responses/Missing"\n';
    const [problem] = await problemsOf(text);
    expect(problem).toMatchObject({
      line: 8,
      pointer: "/paths/~1a/get/responses/200/$ref",
      message: expect.stringContaining("#/components/responses/Missing"),
    });
  });
});

describe("validateOpenApiObject", () => {
  it("reports problems by JSON pointer and turns them into field errors", async () => {
    const result = await validateOpenApiObject({ ...minimal31, info: { title: "No version" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ pointer: "/info", message: "is missing the required property `version`." }]);
    const error = invalidOpenApi(result.problems);
    expect(error.status).toBe(422);
    expect(error.fieldErrors).toEqual({
      openapi: "The OpenAPI document is invalid: At /info: is missing the required property `version`.",
      "openapi#/info": "At /info: is missing the required property `version`.",
    });
  });

  it("accepts a valid 3.0 object", async () => {
    expect((await validateOpenApiObject({ openapi: "3.0.3", info: { title: "a", version: "1" }, paths: {} })).ok).toBe(true);
  });
});
