"use client";
// The one time a key is shown: after creating or rotating it.
import { CopyField } from "@/components/ui/copy-field";

export function KeyReveal({ value, label = "Your new API key" }: { value: string; label?: string }) {
  return (
    <section aria-label="New API key" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-3">
      <p className="text-sm font-medium text-amber-900">Copy this key now: you will not see it again.</p>
      <p className="mt-0.5 text-xs text-amber-800">Tollgate keeps only a hash of it. If it is lost, rotate the key or create a new one.</p>
      <CopyField label={label} value={value} />
    </section>
  );
}
