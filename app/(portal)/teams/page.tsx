import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/team-access";

/** Portal home: the user's first team (the personal one), or team creation if they have none. */
export default async function TeamsHome() {
  const user = await requireUser("/teams");
  const teams = await listTeamsForUser(user.id);
  redirect(teams[0] ? `/${teams[0].slug}` : "/teams/new");
}
