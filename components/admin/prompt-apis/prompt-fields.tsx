"use client";
// Small controlled inputs for the Prompt API form: a label, the control and its error underneath.
import { useId } from "react";

const controlClass = (error?: string) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 ${
    error ? "border-red-500" : "border-slate-300"
  }`;

type Common = { label: string; error?: string; hint?: string; className?: string };

function Note({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  if (error)
    return (
      <p id={`${id}-note`} className="mt-1 text-sm text-red-600">
        {error}
      </p>
    );
  return hint ? (
    <p id={`${id}-note`} className="mt-1 text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

/** The label above a control, and its error or hint below; `control` gets the id and aria attributes. */
function Shell({
  label,
  error,
  hint,
  className = "",
  control,
}: Common & { control: (id: string, aria: React.AriaAttributes) => React.ReactNode }) {
  const id = useId();
  const aria = { "aria-invalid": error ? true : undefined, "aria-describedby": error || hint ? `${id}-note` : undefined };
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control(id, aria)}
      <Note id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextInput({
  label,
  error,
  hint,
  className = "",
  value,
  onChange,
  ...input
}: Common & { value: string; onChange: (value: string) => void } & Omit<React.ComponentProps<"input">, "value" | "onChange">) {
  return (
    <Shell
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(id, aria) => (
        <input
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          className={controlClass(error)}
          {...aria}
          {...input}
        />
      )}
    />
  );
}

export function TextArea({
  label,
  error,
  hint,
  className = "",
  value,
  onChange,
  rows = 3,
  mono = false,
}: Common & { value: string; onChange: (value: string) => void; rows?: number; mono?: boolean }) {
  return (
    <Shell
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(id, aria) => (
        <textarea
          id={id}
          rows={rows}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          className={`${controlClass(error)} ${mono ? "font-mono text-xs" : ""}`}
          {...aria}
        />
      )}
    />
  );
}

export function Select({
  label,
  error,
  hint,
  className = "",
  value,
  onChange,
  options,
}: Common & { value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  return (
    <Shell
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(id, aria) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={controlClass(error)} {...aria}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="rounded border-slate-300" />
      {label}
    </label>
  );
}
