import { requirePlatformAdmin } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/team-access";
import { AppHeader } from "@/components/shell/app-header";
import { signOutAction } from "@/app/(auth)/actions";
import { AdminNav } from "@/components/admin/admin-nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePlatformAdmin();
  const teams = await listTeamsForUser(user.id);
  return (
    <>
      <AppHeader user={user} teams={teams} signOutAction={signOutAction} />
      <main className="mx-auto max-w-6xl px-4 py-8">
        <AdminNav />
        {children}
      </main>
    </>
  );
}
