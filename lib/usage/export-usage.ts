// The CSV download of the usage page: membership is checked here, where the rows are read (any
// role may export; a non-member gets the same 404 as for a team that does not exist). Range and
// filters are parsed by the same modules as the page, so the file holds what the page lists.
import { isAppError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { requireTeamRole } from "@/lib/teams/team-access";
import { summarizeFieldErrors } from "@/lib/validation";
import { parseAnalyticsRange, type AnalyticsRange } from "@/lib/usage/analytics-range";
import { parseLogFilters } from "@/lib/usage/log-filters";
import { streamUsageCsv } from "@/lib/usage/usage-csv";

export async function exportUsageCsv(input: {
  userId: string;
  teamSlug: string;
  params: URLSearchParams;
  requestId: string;
  now?: Date;
}): Promise<Response> {
  let teamId: string;
  try {
    teamId = (await requireTeamRole(input.userId, input.teamSlug)).team.id;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return problemResponse("not_found", error.message, input.requestId);
    throw error;
  }
  const params = Object.fromEntries(input.params);
  const range = parseAnalyticsRange(params, input.now);
  if (!range.ok) return problemResponse("validation_failed", range.message, input.requestId, { extra: { errors: range.fieldErrors } });
  const { filters, fieldErrors } = parseLogFilters(params);
  if (Object.keys(fieldErrors).length > 0) {
    return problemResponse("validation_failed", `The filters are not valid: ${summarizeFieldErrors(fieldErrors)}`, input.requestId, {
      extra: { errors: fieldErrors },
    });
  }
  return new Response(streamUsageCsv(teamId, range.range, filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(input.teamSlug, range.range)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-request-id": input.requestId,
    },
  });
}

/** e.g. usage-acme-7d.csv or usage-acme-2026-11-01_2026-11-24.csv (slugs are [a-z0-9-]). */
function exportFileName(teamSlug: string, range: AnalyticsRange): string {
  const span = range.key === "custom" ? `${range.params.from}_${range.params.to}` : range.key;
  return `usage-${teamSlug.replace(/[^a-z0-9-]/gi, "")}-${span}.csv`;
}
