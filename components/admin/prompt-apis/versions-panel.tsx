"use client";
// A Prompt API's versions, newest first: which one is live, who saved it, how many calls each
// served, and a button to serve an earlier (or later) one again.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";

export type VersionRowView = { version: number; live: boolean; savedAt: string; savedBy: string | null; calls: number; model: string };

type Props = {
  slug: string;
  versions: VersionRowView[];
  rollback: (slug: string, version: number) => Promise<{ ok: boolean; message?: string; error?: string }>;
};

export function VersionsPanel({ slug, versions, rollback }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const serve = (version: number) =>
    startTransition(async () => {
      const result = await rollback(slug, version);
      setMessage({ ok: result.ok, text: (result.ok ? result.message : result.error) ?? "" });
      if (result.ok) router.refresh();
    });
  return (
    <div className="space-y-2">
      <ul className="divide-y divide-slate-100 text-sm">
        {versions.map((row) => (
          <li key={row.version} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid={`version-${row.version}`}>
            <span>
              <strong>v{row.version}</strong> {row.live ? <Badge tone="green">live</Badge> : null}
              <span className="block text-xs text-slate-500">
                {row.model} · {row.calls === 1 ? "1 call" : `${row.calls} calls`} · {row.savedAt}
                {row.savedBy ? ` · ${row.savedBy}` : ""}
              </span>
            </span>
            {row.live ? null : (
              <Button type="button" variant="secondary" size="sm" disabled={pending} onClick={() => serve(row.version)}>
                Roll back to v{row.version}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
