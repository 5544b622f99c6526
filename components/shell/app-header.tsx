import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/session";
import { TeamSwitcher, type TeamOption } from "./team-switcher";

type Props = {
  user: CurrentUser;
  teams: TeamOption[];
  currentSlug?: string;
  /** the sign-out server action, passed in by the page (components do not import app/) */
  signOutAction: () => Promise<void>;
};

export function AppHeader({ user, teams, currentSlug, signOutAction }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-4">
        <Link href="/teams" className="font-semibold tracking-tight">
          Tollgate
        </Link>
        <TeamSwitcher teams={teams} currentSlug={currentSlug} />
        <nav className="ml-auto flex shrink-0 items-center gap-2 whitespace-nowrap text-sm sm:gap-3">
          <Link href="/catalog" className="text-slate-600 hover:text-slate-900">
            Catalog
          </Link>
          {user.isPlatformAdmin ? (
            <Link href="/admin" className="text-slate-600 hover:text-slate-900">
              Admin
            </Link>
          ) : null}
          <Link href="/account" className="text-slate-600 hover:text-slate-900" title={`Account settings of ${user.email}`}>
            Account
          </Link>
          <span className="hidden text-slate-500 sm:inline" data-testid="signed-in-as">
            {user.email}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              Sign out
            </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
