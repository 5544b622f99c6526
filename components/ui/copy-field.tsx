"use client";
import { useState } from "react";

/** A read-only value with a copy button: invitation links now, API keys later. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-3">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <div className="mt-1 flex gap-2">
        <input
          readOnly
          value={value}
          aria-label={label}
          data-testid="revealed-value"
          className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
