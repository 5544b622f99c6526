// Input schemas for AI providers, shared by the management API and the admin console. The API key
// and the extra headers are write-only: they go in, encrypted, and only "set" or "not set" comes
// back. What zod cannot check (where the base URL resolves) the domain functions check before
// they write anything (create-provider.ts, update-provider.ts).
import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/teams/slugs";

export const PROVIDER_KINDS = ["OPENAI", "ANTHROPIC"] as const;
export const MAX_EXTRA_HEADERS = 20;

/** Headers Tollgate sets itself on every provider request, or that only the HTTP layer may set. */
const RESERVED_HEADERS: Record<string, string> = {
  authorization: "Put the key in the API key field: Tollgate sends it as the provider expects.",
  "x-api-key": "Put the key in the API key field: Tollgate sends it as the provider expects.",
  "anthropic-version": "Tollgate sets anthropic-version itself.",
  "content-type": "Tollgate sets Content-Type itself.",
  "content-length": "The HTTP client sets Content-Length.",
  accept: "Tollgate sets Accept itself.",
  host: "The HTTP client sets Host from the base URL.",
  connection: "Hop-by-hop headers cannot be set.",
  "keep-alive": "Hop-by-hop headers cannot be set.",
  "transfer-encoding": "Hop-by-hop headers cannot be set.",
  te: "Hop-by-hop headers cannot be set.",
  trailer: "Hop-by-hop headers cannot be set.",
  upgrade: "Hop-by-hop headers cannot be set.",
  "proxy-authorization": "Hop-by-hop headers cannot be set.",
  "proxy-connection": "Hop-by-hop headers cannot be set.",
};

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
/** Visible ASCII, spaces and tabs inside; no CR, LF or NUL (no header injection). */
const HEADER_VALUE = /^[\x20-\x7e\t]{1,4096}$/;

/** Why a header name cannot be used, or null. */
export function headerNameProblem(name: string): string | null {
  if (!HEADER_NAME.test(name)) return "Use a header name such as OpenAI-Organization or HTTP-Referer.";
  return RESERVED_HEADERS[name.toLowerCase()] ?? null;
}

export const extraHeadersSchema = z
  .record(z.string(), z.string())
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    const names = Object.keys(headers);
    if (names.length > MAX_EXTRA_HEADERS) ctx.addIssue({ code: "custom", message: `Use at most ${MAX_EXTRA_HEADERS} extra headers.` });
    for (const name of names) {
      const problem = headerNameProblem(name);
      // The path names the header, never its value: values may be secrets.
      if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem });
      else if (seen.has(name.toLowerCase())) ctx.addIssue({ code: "custom", path: [name], message: "This header is given twice." });
      else if (!HEADER_VALUE.test(headers[name]!.trim()))
        ctx.addIssue({ code: "custom", path: [name], message: "Use 1-4096 visible characters, on one line." });
      seen.add(name.toLowerCase());
    }
  })
  .transform((headers) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.trim()])))
  .meta({
    description:
      'Write-only: extra request headers as `{"Name": "value"}` (e.g. OpenAI-Organization, HTTP-Referer), stored encrypted, never returned',
  });

const wholeNumber = (min: number, max: number, unit = "") =>
  z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(min, `Use at least ${min}${unit}.`)
    .max(max, `Use at most ${max.toLocaleString("en")}${unit}.`);

const providerFields = {
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(SLUG_PATTERN, "Use 1-40 lowercase letters, digits and dashes, not starting or ending with a dash.")
    .meta({ description: "Unique short name (in logs and error details); derived from the name when omitted" }),
  name: z.string().trim().min(1, "Give the provider a name.").max(80),
  kind: z
    .enum(PROVIDER_KINDS, { error: "Choose OPENAI or ANTHROPIC." })
    .meta({ description: "OPENAI: any server speaking OpenAI's API (OpenAI, vLLM, Ollama, Groq…); ANTHROPIC: the Messages API" }),
  baseUrl: z
    .url({ protocol: /^https?$/, error: "Use an http:// or https:// URL." })
    .max(2000)
    .meta({
      description:
        "OPENAI kind: the URL before /chat/completions (e.g. https://api.openai.com/v1); ANTHROPIC kind: the URL before /v1/messages (https://api.anthropic.com). Public addresses only unless the server allows private upstreams",
    }),
  apiKey: z
    .string()
    .trim()
    .min(1, "Enter the key, or leave the field out.")
    .max(4096)
    .regex(/^[\x21-\x7e]+$/, "Use the key as the provider gave it: visible characters, no spaces.")
    .meta({ description: "Write-only: stored encrypted, never returned" }),
  extraHeaders: extraHeadersSchema,
  connectTimeoutMs: wholeNumber(100, 60_000, " ms").meta({ description: "Connect timeout in ms (default 5000)" }),
  timeoutMs: wholeNumber(1_000, 600_000, " ms").meta({
    description: "Time allowed for the answer to start and between streamed chunks, in ms (default 120000)",
  }),
};

export const createProviderSchema = z.object({
  ...providerFields,
  slug: providerFields.slug.optional(),
  apiKey: providerFields.apiKey.optional(),
  extraHeaders: providerFields.extraHeaders.optional(),
  connectTimeoutMs: providerFields.connectTimeoutMs.optional(),
  timeoutMs: providerFields.timeoutMs.optional(),
});

export const updateProviderSchema = z.object({
  name: providerFields.name.optional(),
  kind: providerFields.kind.optional(),
  baseUrl: providerFields.baseUrl.optional(),
  apiKey: providerFields.apiKey
    .nullable()
    .optional()
    .meta({ description: "Write-only: a new key replaces the stored one; null clears it" }),
  extraHeaders: providerFields.extraHeaders
    .nullable()
    .optional()
    .meta({ description: "Write-only: replaces every stored extra header; null or {} clears them" }),
  connectTimeoutMs: providerFields.connectTimeoutMs.optional(),
  timeoutMs: providerFields.timeoutMs.optional(),
});

export type CreateProvider = z.output<typeof createProviderSchema>;
export type UpdateProvider = z.output<typeof updateProviderSchema>;
