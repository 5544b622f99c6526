"use client";
// Which APIs a new key may call: every API the team is subscribed to, or a chosen few.
import { useState } from "react";
import type { ScopeApi } from "@/lib/keys/list-scope-apis";

type Props = { apis: ScopeApi[]; fieldPrefix: string; values?: Record<string, string>; error?: string };

export function ScopePicker({ apis, fieldPrefix, values, error }: Props) {
  const [scope, setScope] = useState(values?.scope === "selected" ? "selected" : "all");
  const radio = (value: string, label: string, disabled = false) => (
    <label className={`flex items-center gap-2 text-sm ${disabled ? "text-slate-400" : ""}`}>
      <input type="radio" name="scope" value={value} checked={scope === value} disabled={disabled} onChange={() => setScope(value)} />
      {label}
    </label>
  );
  return (
    <fieldset aria-describedby={error ? "scope-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">APIs this key can call</legend>
      <div className="mt-1 space-y-1">
        {radio("all", "All APIs the team is subscribed to")}
        {radio("selected", "Only the APIs I choose", apis.length === 0)}
      </div>
      {apis.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">The team has no active subscriptions yet; subscribe in the catalog to choose APIs.</p>
      ) : null}
      {scope === "selected" ? (
        <div className="mt-2 grid gap-1 rounded-md border border-slate-200 p-2 sm:grid-cols-2">
          {apis.map((api) => (
            <label key={api.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`${fieldPrefix}${api.id}`} defaultChecked={values?.[`${fieldPrefix}${api.id}`] === "on"} />
              {api.name}
            </label>
          ))}
        </div>
      ) : null}
      {error ? (
        <p id="scope-error" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
