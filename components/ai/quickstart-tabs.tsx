"use client";
// The quickstarts of an AI API as tabs, each a code block with a copy button.
import { useState } from "react";
import type { Quickstart } from "@/components/ai/quickstart-snippets";
import { CopyButton } from "@/components/ai/copy-button";

export function QuickstartTabs({ quickstarts }: { quickstarts: Quickstart[] }) {
  const [selected, setSelected] = useState(quickstarts[0]?.id ?? "");
  const current = quickstarts.find((quickstart) => quickstart.id === selected) ?? quickstarts[0];
  if (!current) return null;

  function moveFocus(event: React.KeyboardEvent<HTMLDivElement>) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const index = quickstarts.findIndex((quickstart) => quickstart.id === current!.id);
    const next = quickstarts[(index + step + quickstarts.length) % quickstarts.length]!;
    setSelected(next.id);
    document.getElementById(`quickstart-tab-${next.id}`)?.focus();
  }

  return (
    <div data-testid="quickstarts">
      <div role="tablist" aria-label="Quickstarts" className="flex flex-wrap gap-1 border-b border-slate-200" onKeyDown={moveFocus}>
        {quickstarts.map((quickstart) => {
          const active = quickstart.id === current.id;
          return (
            <button
              key={quickstart.id}
              id={`quickstart-tab-${quickstart.id}`}
              type="button"
              role="tab"
              aria-selected={active}
              aria-controls={`quickstart-panel-${quickstart.id}`}
              tabIndex={active ? 0 : -1}
              onClick={() => setSelected(quickstart.id)}
              className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm ${
                active
                  ? "border-slate-200 border-b-white bg-white font-medium text-slate-900"
                  : "border-transparent text-slate-600 hover:text-slate-900"
              }`}
            >
              {quickstart.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`quickstart-panel-${current.id}`}
        aria-labelledby={`quickstart-tab-${current.id}`}
        className="mt-3 space-y-2"
        data-testid="quickstart-panel"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-slate-500">{current.hint}</p>
          <CopyButton value={current.code} label={`Copy the ${current.label} quickstart`} />
        </div>
        {/* Focusable: a keyboard user scrolls a long line sideways too. */}
        <pre tabIndex={0} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
          <code>{current.code}</code>
        </pre>
      </div>
    </div>
  );
}
