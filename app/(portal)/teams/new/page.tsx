import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/team-access";
import { AppHeader } from "@/components/shell/app-header";
import { signOutAction } from "@/app/(auth)/actions";
import { Card } from "@/components/ui/card";
import { CreateTeamForm } from "./create-team-form";

export const metadata: Metadata = { title: "Create a team" };

export default async function NewTeamPage() {
  const user = await requireUser("/teams/new");
  const teams = await listTeamsForUser(user.id);
  return (
    <>
      <AppHeader user={user} teams={teams} signOutAction={signOutAction} />
      <main className="mx-auto max-w-lg px-4 py-10">
        <Card title="Create a team" description="Teams share API keys, subscriptions and prepaid credit. You will be its owner.">
          <CreateTeamForm />
        </Card>
      </main>
    </>
  );
}
