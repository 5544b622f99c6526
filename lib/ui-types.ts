// The database's enums and record shapes that components render, as types only. Components never
// import lib/db (the Prisma client) or the generated client: this module is their one window onto
// those types, so a component cannot pull server-only code into a browser bundle by accident.
export type { ApiStatus, TeamRole } from "@/lib/generated/prisma/enums";
export type { Notification } from "@/lib/generated/prisma/client";
