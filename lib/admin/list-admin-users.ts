// Every account for the admin users page: search by email or name, a status filter, 25 a page,
// newest first, with the number of teams each belongs to.
import { db, type Prisma } from "@/lib/db";
import { pageWindow, toPaged, type Paged } from "@/lib/http/pagination";
import { optionParam } from "@/lib/http/search-params";

export const USER_STATUSES = { all: "All", active: "Active", disabled: "Disabled", admins: "Platform admins" } as const;
type UserStatusFilter = keyof typeof USER_STATUSES;

export const parseUserStatus = (value: unknown): UserStatusFilter => optionParam(USER_STATUSES, value, "all");

export type AdminUserRow = {
  id: string;
  email: string;
  name: string | null;
  isPlatformAdmin: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  teams: number;
};

const STATUS_WHERE: Record<UserStatusFilter, Prisma.UserWhereInput> = {
  all: {},
  active: { disabledAt: null },
  disabled: { disabledAt: { not: null } },
  admins: { isPlatformAdmin: true },
};

export async function listAdminUsers(options: { query?: string; status?: UserStatusFilter; page?: number }): Promise<Paged<AdminUserRow>> {
  const page = options.page ?? 1;
  const q = (options.query ?? "").trim().slice(0, 254);
  const search: Prisma.UserWhereInput = q
    ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
    : {};
  const users = await db.user.findMany({
    where: { AND: [search, STATUS_WHERE[options.status ?? "all"]] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      email: true,
      name: true,
      isPlatformAdmin: true,
      disabledAt: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
    ...pageWindow(page),
  });
  return toPaged(
    users.map(({ _count, ...user }) => ({ ...user, teams: _count.memberships })),
    page,
  );
}
