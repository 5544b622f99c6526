// The first look at an uploaded OpenAPI file (lib/catalog/openapi-file.ts), shared by the admin's
// form in the browser and the server action: over 1 MiB, or binary, is refused before parsing.
import { describe, expect, it } from "vitest";
import { NOT_A_DOCUMENT_MESSAGE, OPENAPI_MAX_BYTES, looksBinary, openApiFileProblem } from "@/lib/catalog/openapi-file";

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];

describe("openApiFileProblem", () => {
  it("says a file over the limit is over 1 MiB", async () => {
    const message = await openApiFileProblem(new Blob(["a".repeat(OPENAPI_MAX_BYTES + 1)]));
    expect(message).toMatch(/^This file is over 1 MiB \(1\.00 MiB\)/);
    expect(await openApiFileProblem(new Blob(["a".repeat(3 * 1024 * 1024)]))).toContain("over 1 MiB (3.00 MiB)");
  });

  it("says a binary file is not a JSON or YAML document", async () => {
    expect(await openApiFileProblem(new Blob([new Uint8Array(PNG_HEADER)]))).toBe(NOT_A_DOCUMENT_MESSAGE);
    expect(NOT_A_DOCUMENT_MESSAGE).toContain("not a JSON or YAML document");
    // %PDF- then bytes that are not UTF-8, no NUL
    expect(await openApiFileProblem(new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0xe2, 0xe3, 0xcf, 0xd3])]))).toBe(
      NOT_A_DOCUMENT_MESSAGE,
    );
  });

  it("lets JSON and YAML text through, in any language, even when the sample cuts a character", async () => {
    expect(await openApiFileProblem(new Blob(['{"openapi": "3.1.0"}']))).toBeNull();
    expect(await openApiFileProblem(new Blob(["openapi: 3.1.0\ninfo:\n  title: Wetter – Ärger 天気 😀\n"]))).toBeNull();
    const cut = new TextEncoder().encode("title: 天").slice(0, -1); // the sample's last character is incomplete
    expect(looksBinary(cut)).toBe(false);
  });
});
