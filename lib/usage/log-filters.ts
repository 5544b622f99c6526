// Filters of the request log (and its CSV export) from search params. Invalid values come back as
// field errors; the valid ones still apply, so one typo does not blank the page.
import { z } from "zod";
import { fieldErrors } from "@/lib/validation";

export const STATUS_CLASSES = { "2xx": [200, 300], "3xx": [300, 400], "4xx": [400, 500], "5xx": [500, 600], errors: [400, 1000] } as const;
type StatusClass = keyof typeof STATUS_CLASSES;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const FILTERS = z.object({
  api: optional(z.string().trim().max(64, "Not an API of this team.")),
  key: optional(z.string().trim().max(64, "Not a key of this team.")),
  status: optional(
    z.enum(Object.keys(STATUS_CLASSES) as [StatusClass, ...StatusClass[]], { error: "Choose 2xx, 3xx, 4xx, 5xx or errors." }),
  ),
  method: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{1,16}$/, "Letters only, e.g. GET."),
  ),
  requestId: optional(z.string().trim().max(128, "A request id is at most 128 characters.")),
  path: optional(z.string().trim().max(512, "At most 512 characters.").regex(/^\//, "A path starts with /, e.g. /v1/quotes.")),
});

export type LogFilters = z.infer<typeof FILTERS>;
const FILTER_KEYS = ["api", "key", "status", "method", "requestId", "path"] as const;

type Params = Record<string, string | string[] | undefined>;

export function parseLogFilters(params: Params): { filters: LogFilters; fieldErrors: Record<string, string> } {
  const raw = Object.fromEntries(FILTER_KEYS.map((name) => [name, Array.isArray(params[name]) ? params[name]![0] : params[name]]));
  const result = FILTERS.safeParse(raw);
  if (result.success) return { filters: result.data, fieldErrors: {} };
  const errors = fieldErrors(result.error, { topLevel: true });
  // Keep the fields that were fine.
  const valid = FILTERS.partial().safeParse(Object.fromEntries(Object.entries(raw).filter(([name]) => !(name in errors))));
  return { filters: valid.success ? valid.data : {}, fieldErrors: errors };
}

/** The filters as search params (for links that keep them: pager, CSV download). */
export function filterParams(filters: LogFilters): Record<string, string> {
  return Object.fromEntries(FILTER_KEYS.flatMap((name) => (filters[name] ? [[name, filters[name]!]] : [])));
}
