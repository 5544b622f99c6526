// The first look at an uploaded OpenAPI file, before any parsing: too large, or not text at all.
// No server-only imports, so the admin's form (components/admin/apis/openapi-field.tsx) refuses the
// same files in the browser, before sending them, with the same words the server action uses.

export const OPENAPI_MAX_BYTES = 1024 * 1024;
export const OPENAPI_MAX_BYTES_LABEL = "1 MiB";
/** Enough of the file to tell text from an image, an archive or a PDF. */
export const OPENAPI_SNIFF_BYTES = 8192;

export const NOT_A_DOCUMENT_MESSAGE =
  "This file is not a JSON or YAML document (it looks like a binary file, such as an image, archive or PDF). Upload the OpenAPI document as .json or .yaml.";

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 0)} MiB`;

export const tooLargeFileMessage = (bytes: number) =>
  `This file is over ${OPENAPI_MAX_BYTES_LABEL} (${mebibytes(bytes)}): the limit is ${OPENAPI_MAX_BYTES_LABEL}. Split out examples or remove unused parts.`;

/**
 * True when the bytes cannot be the start of a JSON or YAML text: a NUL byte (no text format has
 * one; UTF-16 text is refused with it, which YAML and JSON parsers here do not read either) or a
 * sequence that is not UTF-8. A character cut by the end of the sample is not counted.
 */
export function looksBinary(sample: Uint8Array): boolean {
  if (sample.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return false;
  } catch (error) {
    if (error instanceof TypeError) return true; // the fatal decoder's way of saying "not UTF-8"
    throw error;
  }
}

/** The message for an uploaded file that is not worth parsing, or null. */
export async function openApiFileProblem(file: Blob): Promise<string | null> {
  if (file.size > OPENAPI_MAX_BYTES) return tooLargeFileMessage(file.size);
  const sample = new Uint8Array(await file.slice(0, OPENAPI_SNIFF_BYTES).arrayBuffer());
  return looksBinary(sample) ? NOT_A_DOCUMENT_MESSAGE : null;
}
