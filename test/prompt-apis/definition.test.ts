// A Prompt API's definition on its own: placeholders against variables (unknown and unused are
// save-time errors), one-pass substitution, variable checks per type, output schemas, and the price
// in words.
import { describe, expect, it } from "vitest";
import { promptDefinitionSchema } from "@/lib/prompt-apis/definition-schema";
import { definitionProblems } from "@/lib/prompt-apis/check-definition";
import { placeholdersOf, renderTemplate } from "@/lib/prompt-apis/template";
import { checkVariables } from "@/lib/prompt-apis/variables";
import { describeCallPrice } from "@/lib/prompt-apis/pricing";

const definition = (overrides: Record<string, unknown> = {}) =>
  promptDefinitionSchema.parse({
    model: "demo-chat",
    systemPrompt: "Answer in {{language}}.",
    userTemplate: "Translate: {{text}}",
    variables: [
      { name: "text", type: "string" },
      { name: "language", type: "enum", values: ["French", "German"] },
    ],
    maxOutputTokens: 100,
    ...overrides,
  });

describe("prompt definitions", () => {
  it("accepts a definition whose placeholders and variables match", () => {
    expect(definitionProblems(definition())).toEqual({});
  });

  it("names unknown placeholders and unused variables by field", () => {
    const problems = definitionProblems(
      definition({
        userTemplate: "Translate: {{text}} {{tone}} {{ bad name }}",
        variables: [
          { name: "text", type: "string" },
          { name: "language", type: "enum", values: ["French"] },
          { name: "unused", type: "number" },
        ],
      }),
    );
    expect(problems).toEqual({
      userTemplate: "Unknown placeholders {{tone}}, {{bad name}}: add a variable of that name or remove the placeholder.",
      "variables.2.name": "The variable “unused” is not used: put {{unused}} in the system prompt or the user template, or remove it.",
    });
  });

  it("refuses duplicate names, an enum without values, limits of the wrong type and unusable output schemas", () => {
    const problems = definitionProblems(
      definition({
        userTemplate: "{{text}} {{language}} {{count}}",
        variables: [
          { name: "text", type: "string" },
          { name: "text", type: "string" },
          { name: "language", type: "enum" },
          { name: "count", type: "number", maxLength: 3 },
        ],
        outputSchema: { type: "array" },
      }),
    );
    expect(problems).toMatchObject({
      "variables.1.name": "Another variable is already called “text”.",
      "variables.2.values": "List the values an enum variable may take.",
      "variables.3.maxLength": "Only strings and string lists have a maximum length.",
      outputSchema: 'The output schema must describe an object: start it with "type": "object".',
    });
    expect(
      definitionProblems(definition({ outputSchema: { type: "object", properties: { a: { type: "nonsense" } } } })).outputSchema,
    ).toMatch(/^This is not a valid JSON Schema/);
    expect(definitionProblems(definition({ outputSchema: { type: "object", properties: { a: { $ref: "#/x" } } } })).outputSchema).toMatch(
      /\$ref/,
    );
  });

  it("substitutes in one pass: a value never reaches another placeholder", () => {
    expect(placeholdersOf("{{a}} {{ b }} {{a}}")).toEqual(["a", "b"]);
    expect(renderTemplate("{{a}} / {{b}}", { a: "{{b}}", b: "B" })).toBe("{{b}} / B");
    expect(renderTemplate("{{constructor}} {{__proto__}}", {})).toBe(" ");
  });

  it("checks each variable's type and limits and lists every problem", () => {
    const variables = promptDefinitionSchema.parse({
      model: "m",
      userTemplate: "{{s}}{{n}}{{b}}{{e}}{{l}}",
      variables: [
        { name: "s", type: "string", maxLength: 3 },
        { name: "n", type: "number" },
        { name: "b", type: "boolean", required: false },
        { name: "e", type: "enum", values: ["x", "y"] },
        { name: "l", type: "string_array", maxItems: 2, maxLength: 2 },
      ],
      maxOutputTokens: 1,
    }).variables;
    expect(checkVariables(variables, { s: "abc", n: 1.5, b: false, e: "y", l: ["ab", "c"] })).toEqual({
      ok: true,
      values: { s: "abc", n: "1.5", b: "false", e: "y", l: "ab\nc" },
    });
    expect(checkVariables(variables, { s: "abcd", n: "1", b: "yes", e: "z", l: ["a", "b", "c"] })).toEqual({
      ok: false,
      errors: {
        s: "Must be at most 3 characters long.",
        n: "Must be a number.",
        b: "Must be true or false.",
        e: 'Must be one of "x", "y".',
        l: "Must have at most 2 items.",
      },
    });
    expect(checkVariables(variables, { l: ["abc"], n: 1, e: "x", s: "" })).toEqual({
      ok: false,
      errors: { l: "Item 0 must be at most 2 characters long." },
    });
    expect(checkVariables(variables, [])).toMatchObject({ ok: false, errors: { body: expect.stringMatching(/JSON object/) } });
  });

  it("says what a call costs in words for each pricing choice", () => {
    const prices = { inputPrice: 150_000n, cachedInputPrice: 75_000n, outputPrice: 600_000n };
    expect(describeCallPrice("CALL_AND_TOKENS", prices, 1_000n, "USD")).toBe(
      "$0.001 per call plus tokens at $0.15 per 1M input tokens, $0.075 per 1M cached input tokens and $0.60 per 1M output tokens",
    );
    expect(describeCallPrice("TOKENS", prices, 1_000n, "USD")).toBe(
      "Only the tokens at $0.15 per 1M input tokens, $0.075 per 1M cached input tokens and $0.60 per 1M output tokens",
    );
    expect(describeCallPrice("CALL", prices, 2_500n, "USD")).toBe("$0.0025 per call, whatever the length");
    expect(describeCallPrice("CALL", prices, 0n, "USD")).toBe("Free");
  });
});
