// The time range of a usage report: half-open [from, to), the last 24 hours by default, at most
// 366 days so one request stays bounded (the report reads hourly rollups, usage-summary.ts).
import { AppError } from "@/lib/errors";

const DEFAULT_RANGE_MS = 86_400_000;
export const MAX_RANGE_DAYS = 366;

export type UsageRange = { from: Date; to: Date };

export function resolveUsageRange(input: { from?: Date; to?: Date }, now = new Date()): UsageRange {
  const to = input.to ?? now;
  const from = input.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS);
  if (from > to) throw new AppError("bad_request", "`from` must be before `to`.", { from: "Must be before `to`." });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError("bad_request", `The range is at most ${MAX_RANGE_DAYS} days; ask for several shorter ranges.`, {
      from: `At most ${MAX_RANGE_DAYS} days before \`to\`.`,
    });
  }
  return { from, to };
}
