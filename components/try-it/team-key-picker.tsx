"use client";
// The team and key choice of the try-it console and the AI playground: the member's teams, and the
// chosen team's usable keys by name and masked value (the secret never reaches the page), or the way
// to the Keys page when it has none.
import Link from "next/link";
import type { TryItTeamOption } from "@/lib/try-it/list-try-it-keys";

/** The field styles of both consoles. */
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500";
export const labelClass = "block text-sm font-medium text-slate-700";

type Props = {
  /** prefix of the fields' ids ("try", "playground") */
  idPrefix: string;
  teams: TryItTeamOption[];
  teamSlug: string;
  keyId: string;
  onTeamChange: (slug: string) => void;
  onKeyChange: (keyId: string) => void;
  noKeysTestId: string;
};

/** The team to start with: the first one that has a key. */
export function initialTeam(teams: TryItTeamOption[]): TryItTeamOption | undefined {
  return teams.find((team) => team.keys.length) ?? teams[0];
}

export function TeamKeyPicker({ idPrefix, teams, teamSlug, keyId, onTeamChange, onKeyChange, noKeysTestId }: Props) {
  const team = teams.find((candidate) => candidate.slug === teamSlug);
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-team`} className={labelClass}>
          Team
        </label>
        <select id={`${idPrefix}-team`} value={teamSlug} onChange={(event) => onTeamChange(event.target.value)} className={inputClass}>
          {teams.map((option) => (
            <option key={option.slug} value={option.slug}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-key`} className={labelClass}>
          Key
        </label>
        {team && team.keys.length ? (
          <select id={`${idPrefix}-key`} value={keyId} onChange={(event) => onKeyChange(event.target.value)} className={inputClass}>
            {team.keys.map((key) => (
              <option key={key.id} value={key.id}>{`${key.name} (${key.masked})`}</option>
            ))}
          </select>
        ) : (
          <p className="mt-2 text-sm text-slate-600" data-testid={noKeysTestId}>
            This team has no active key.{" "}
            <Link href={`/${teamSlug}/keys`} className="font-medium text-brand-700 underline">
              Create one on the Keys page
            </Link>
            .
          </p>
        )}
      </div>
    </>
  );
}
