// What the try-it console sends (POST /api/try-it) and what it gets back. Shared by the route, the
// core and the client component (types only there), so the two sides cannot drift apart.
import { z } from "zod";

export const TRY_IT_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** A request body above this is refused before it is parsed (the console's own limit, not a plan's). */
export const TRY_IT_MAX_REQUEST_BYTES = 1024 * 1024;
/** The response body shown in the console stops here; the call itself is complete and charged. */
export const TRY_IT_MAX_RESPONSE_BYTES = 256 * 1024;

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, "Not a valid header name.");
const headerValue = z
  .string()
  .max(4096)
  .regex(/^[^\r\n\0]*$/, "Header values cannot contain line breaks.");

export const tryItRequestSchema = z.object({
  team: z.string().min(1, "Pick a team.").max(100),
  keyId: z.string().min(1, "Pick a key.").max(100),
  api: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Not an API slug."),
  method: z.enum(TRY_IT_METHODS, "Pick an HTTP method."),
  path: z
    .string()
    .max(2048)
    .regex(/^\/[^?#\s\\]*$/, "The path starts with / and has no spaces, ? or #; put the query string in its own field."),
  query: z
    .string()
    .max(4096)
    .regex(/^[^#\s]*$/, "The query string cannot contain spaces or #.")
    .transform((query) => query.replace(/^\?/, ""))
    .default(""),
  headers: z.record(headerName, headerValue).default({}),
  body: z.string().optional(),
});

export type TryItRequest = z.input<typeof tryItRequestSchema>;

/** Response headers the console shows: the content type and the gateway's own accounting headers. */
export const SHOWN_HEADERS = [
  "content-type",
  "x-request-id",
  "x-credit-charged",
  "x-credit-balance",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "retry-after",
  "deprecation",
  "sunset",
  "link",
] as const;

export type TryItResult = {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** the body was longer than TRY_IT_MAX_RESPONSE_BYTES and is cut there */
  truncated: boolean;
  latencyMs: number;
  currency: string;
};
