"use client";
// The models an AI API publishes: one checkbox per model of the registry (posted as `models`),
// with its kind and prices per 1M tokens. The page passes the registry's models in.
import Link from "next/link";
import type { ModelOption } from "@/lib/ai/registry/model-options";

type Props = {
  options: ModelOption[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  error?: string;
  currency: string;
};

export function ModelsPicker({ options, chosen, onChange, error, currency }: Props) {
  if (options.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        The registry has no models yet.{" "}
        <Link href="/admin/ai" className="text-brand-700 hover:underline">
          Register a provider and a model
        </Link>{" "}
        first; you can save this API without models and add them later.
      </p>
    );
  }
  const toggle = (publicId: string, on: boolean) =>
    onChange(on ? [...chosen, publicId] : chosen.filter((candidate) => candidate !== publicId));
  return (
    <fieldset aria-describedby={error ? "models-error" : undefined}>
      <legend className="sr-only">Models</legend>
      <ul className="grid gap-2 sm:grid-cols-2" data-testid="models-picker">
        {options.map((model) => (
          <li key={model.publicId}>
            <label className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                name="models"
                value={model.publicId}
                checked={chosen.includes(model.publicId)}
                onChange={(event) => toggle(model.publicId, event.target.checked)}
                className="mt-0.5 h-4 w-4 rounded border-slate-300"
              />
              <span>
                <span className="font-medium text-slate-900">{model.publicId}</span>{" "}
                <span className="text-slate-500">
                  {model.displayName} · {model.kind === "CHAT" ? "chat" : "embeddings"}
                </span>
                <span className="block text-xs text-slate-500">
                  {currency} {model.inputPrice} in{model.kind === "CHAT" ? ` · ${model.outputPrice} out` : ""} per 1M tokens
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id="models-error" className="mt-2 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
