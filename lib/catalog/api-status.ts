// The API lifecycle: DRAFT -> PUBLISHED -> DEPRECATED -> RETIRED. A deprecation can be undone
// (back to PUBLISHED); a retirement cannot, because keys and docs already tell callers it is gone.
import type { ApiStatus, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

const ALLOWED: Record<ApiStatus, readonly ApiStatus[]> = {
  DRAFT: ["PUBLISHED"],
  PUBLISHED: ["DEPRECATED", "RETIRED"],
  DEPRECATED: ["PUBLISHED", "RETIRED"],
  RETIRED: [],
};

/** The statuses an API in `from` may move to, for the admin's lifecycle buttons. */
export function nextStatuses(from: ApiStatus): readonly ApiStatus[] {
  return ALLOWED[from];
}

/** The column changes for moving `from` -> `to`; throws 409 for a move the lifecycle does not allow. */
export function statusTransition(from: ApiStatus, to: ApiStatus, now = new Date()): Prisma.ApiUpdateInput {
  if (from === to) return {};
  if (!ALLOWED[from].includes(to)) {
    const options = ALLOWED[from].length ? `it can move to ${ALLOWED[from].join(" or ")}` : "retirement is final";
    throw new AppError("conflict", `An API cannot move from ${from} to ${to}: ${options}.`, { status: `Not allowed from ${from}.` });
  }
  switch (to) {
    case "PUBLISHED":
      return from === "DEPRECATED" ? { status: to, deprecatedAt: null, sunsetAt: null } : { status: to, publishedAt: now };
    case "DEPRECATED":
      return { status: to, deprecatedAt: now };
    case "RETIRED":
      return { status: to, retiredAt: now };
    default:
      return { status: to };
  }
}
