import Link from "next/link";
import type { TeamRole } from "@/lib/ui-types";

export type TeamOption = { slug: string; name: string; personal: boolean; role: TeamRole };

/** A disclosure menu (works without JavaScript) listing the user's teams. */
export function TeamSwitcher({ teams, currentSlug }: { teams: TeamOption[]; currentSlug?: string }) {
  const current = teams.find((team) => team.slug === currentSlug);
  return (
    <details className="group relative min-w-0">
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50">
        {/* Named by its visible text too (WCAG 2.5.3): "Switch team: Acme". */}
        <span className="sr-only">Switch team: </span>
        <span className="max-w-28 truncate sm:max-w-48">{current?.name ?? "Choose a team"}</span>
        <span aria-hidden className="text-slate-400">
          ▾
        </span>
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <ul>
          {teams.map((team) => (
            <li key={team.slug}>
              <Link
                href={`/${team.slug}`}
                aria-current={team.slug === currentSlug ? "page" : undefined}
                className="flex items-center justify-between px-3 py-2 text-sm hover:bg-slate-50 aria-[current=page]:font-semibold"
              >
                <span className="truncate">{team.name}</span>
                {team.personal ? <span className="text-xs text-slate-400">personal</span> : null}
              </Link>
            </li>
          ))}
        </ul>
        <div className="border-t border-slate-100 pt-1">
          <Link href="/teams/new" className="block px-3 py-2 text-sm text-brand-600 hover:bg-slate-50">
            + Create a team
          </Link>
        </div>
      </div>
    </details>
  );
}
