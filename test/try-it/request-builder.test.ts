// The console's request building (path parameters, header lines, body display) and the bounded body reader.
import { describe, expect, it } from "vitest";
import { fillPath, jsonBodyProblem, parseHeaderLines, prettyBody } from "@/components/try-it/request-builder";
import { readLimited } from "@/lib/http/read-limited";

describe("fillPath", () => {
  it("fills and encodes path parameters, keeping slashes inside a value", () => {
    expect(fillPath("/status/{code}", { code: "404" })).toEqual({ path: "/status/404", missing: [] });
    expect(fillPath("/echo/{rest}", { rest: "a b/c?d" })).toEqual({ path: "/echo/a%20b/c%3Fd", missing: [] });
  });

  it("reports parameters left empty", () => {
    expect(fillPath("/users/{id}/posts/{post}", { id: " " }).missing).toEqual(["id", "post"]);
  });
});

describe("parseHeaderLines", () => {
  it("reads Name: value lines and reports the others", () => {
    expect(parseHeaderLines("Accept: application/json\n\nX-Trace:  abc:def \nnot a header\n: empty")).toEqual({
      headers: { accept: "application/json", "x-trace": "abc:def" },
      invalid: ["not a header", ": empty"],
    });
  });
});

describe("prettyBody", () => {
  it("indents JSON bodies and leaves everything else as it is", () => {
    expect(prettyBody('{"a":[1]}', "application/problem+json")).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyBody("{broken", "application/json")).toBe("{broken");
    expect(prettyBody('{"a":1}', "text/plain")).toBe('{"a":1}');
  });
});

describe("readLimited", () => {
  const streamOf = (...chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });

  it("reads a body up to the limit whole, and cuts one over it there", async () => {
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const whole = await readLimited(streamOf("abc", "def"), 6);
    expect([decode(whole.bytes), whole.truncated]).toEqual(["abcdef", false]);
    const cut = await readLimited(streamOf("abc", "def", "ghi"), 5);
    expect([decode(cut.bytes), cut.truncated]).toEqual(["abcde", true]);
    expect(await readLimited(null, 5)).toEqual({ bytes: new Uint8Array(), truncated: false });
  });
});

describe("jsonBodyProblem", () => {
  it("names what is wrong with a body sent as JSON, and lets JSON, empty bodies and other types through", () => {
    expect(jsonBodyProblem('{"a": 1,}', {})).toMatch(/JSON|position|property/i);
    expect(jsonBodyProblem("hello", { "content-type": "application/json" })).not.toBeNull();
    expect(jsonBodyProblem('{"a": 1}', {})).toBeNull();
    expect(jsonBodyProblem("  ", {})).toBeNull();
    expect(jsonBodyProblem("hello", { "content-type": "text/plain" })).toBeNull();
    expect(jsonBodyProblem("{bad", { "content-type": "application/problem+json" })).not.toBeNull();
  });
});
