// The audit log's filters, read from the page's search params. Every filter is optional; a bad one
// (a date that is not a date, a range that ends before it starts) comes back as a message per
// field instead of a silently widened list.
import { z } from "zod";
import { fieldErrors } from "@/lib/validation";
import { textParam } from "@/lib/http/search-params";

export type SearchParams = Record<string, string | string[] | undefined>;

const DAY_MS = 86_400_000;
/** Cut well above every limit below, so an over-long value still gets its message. */
const text = (value: string | string[] | undefined) => textParam(value, 1000);

/** `2026-11-24` (as a date input sends it) or a full ISO timestamp. */
const dateText = z
  .string()
  .max(40, "Enter a date as YYYY-MM-DD, e.g. 2026-11-24.")
  .refine((text) => text === "" || parseDate(text) !== null, "Enter a date as YYYY-MM-DD, e.g. 2026-11-24.");

function parseDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return null;
  // JavaScript rolls 2026-02-30 over to March 2: the calendar day itself must exist.
  const day = text.slice(0, 10);
  const midnight = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== day) return null;
  // Times without a zone are UTC, like every time on the admin pages.
  const date = new Date(day === text ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const filterSchema = z
  .object({
    action: z
      .string()
      .max(100, "At most 100 characters.")
      .regex(/^[a-z0-9_.*-]*$/i, "Actions are dotted words, e.g. api. or user.disabled."),
    actor: z.string().max(254, "At most 254 characters."),
    team: z.string().max(100, "At most 100 characters."),
    targetType: z.string().max(50, "At most 50 characters."),
    targetId: z.string().max(100, "At most 100 characters."),
    from: dateText,
    to: dateText,
  })
  .refine((f) => !f.from || !f.to || parseDate(f.from)! <= parseDate(f.to)!, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

export type AuditFilterInput = z.infer<typeof filterSchema>;

export type AuditFilters = {
  /** `user` matches `user` and `user.*`; a trailing `.` or `*` means the same */
  action?: string;
  actorEmail?: string;
  teamSlug?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  /** exclusive: a plain date includes that whole day */
  before?: Date;
};

type ParsedAuditFilters = { input: AuditFilterInput; filters: AuditFilters; errors: Record<string, string> };

export function parseAuditFilters(params: SearchParams): ParsedAuditFilters {
  const input: AuditFilterInput = {
    action: text(params.action),
    actor: text(params.actor),
    team: text(params.team),
    targetType: text(params.targetType),
    targetId: text(params.targetId),
    from: text(params.from),
    to: text(params.to),
  };
  const parsed = filterSchema.safeParse(input);
  if (!parsed.success) return { input, filters: {}, errors: fieldErrors(parsed.error, { topLevel: true }) };
  const to = input.to ? parseDate(input.to)! : undefined;
  const filters: AuditFilters = {
    action: input.action.replace(/[.*]+$/, "").toLowerCase() || undefined,
    actorEmail: input.actor.toLowerCase() || undefined,
    teamSlug: input.team.toLowerCase() || undefined,
    targetType: input.targetType || undefined,
    targetId: input.targetId || undefined,
    from: input.from ? parseDate(input.from)! : undefined,
    before: to && /^\d{4}-\d{2}-\d{2}$/.test(input.to) ? new Date(to.getTime() + DAY_MS) : to,
  };
  return { input, filters, errors: {} };
}
