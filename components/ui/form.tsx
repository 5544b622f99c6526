"use client";
// Form building blocks: labelled fields with their error, a submit button that shows progress,
// and the banner for an action's result. Used with server actions through useActionState; inside a
// FormStateProvider (ActionForm provides one) each field keeps its typed value and shows its error
// after a refused submit without any wiring by the page.
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/auth/action";
import { Button } from "@/components/ui/button";
import { useSubmittedField } from "@/components/ui/form-state";

const controlClass = (error?: string) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 ${
    error ? "border-red-500" : "border-slate-300"
  }`;

/** The message under a field (its id is what the control's aria-describedby points at), or its hint. */
function FieldNote({ id, error, hint }: { id: string; error?: string; hint?: React.ReactNode }) {
  if (error)
    return (
      <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
        {error}
      </p>
    );
  return hint ? (
    <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

type Labelled = { label: React.ReactNode; name: string; error?: string; hint?: React.ReactNode };

/**
 * What a text-like control (input, textarea, select) shares: its id, the state's value and error,
 * and the attributes that tie the message to it. A controlled `value` is left alone.
 */
function useControl(name: string, given: { id?: string; value?: unknown; defaultValue?: unknown; error?: string; hint?: React.ReactNode }) {
  const id = given.id ?? name;
  const multiple = Array.isArray(given.defaultValue);
  const submitted = useSubmittedField(name, { defaultValue: multiple ? undefined : given.defaultValue, error: given.error });
  const defaultValue = given.value !== undefined ? undefined : multiple ? (given.defaultValue as string[]) : submitted.defaultValue;
  const error = submitted.error;
  return {
    error,
    attributes: {
      id,
      name,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": error ? `${id}-error` : given.hint ? `${id}-hint` : undefined,
      className: controlClass(error),
      defaultValue,
    },
  };
}

function LabelledControl({
  id,
  label,
  error,
  hint,
  className,
  children,
}: Omit<Labelled, "name"> & { id: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      <FieldNote id={id} error={error} hint={hint} />
    </div>
  );
}

export function Field({
  label,
  name,
  error,
  hint,
  className = "",
  defaultValue,
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & Labelled) {
  const control = useControl(name, { ...input, defaultValue, error, hint });
  return (
    <LabelledControl id={control.attributes.id} label={label} error={control.error} hint={hint} className={className}>
      <input {...control.attributes} {...input} />
    </LabelledControl>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  className = "",
  defaultValue,
  ...area
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled) {
  const control = useControl(name, { ...area, defaultValue, error, hint });
  return (
    <LabelledControl id={control.attributes.id} label={label} error={control.error} hint={hint} className={className}>
      <textarea {...control.attributes} {...area} />
    </LabelledControl>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  defaultValue,
  children,
  ...select
}: React.SelectHTMLAttributes<HTMLSelectElement> & Labelled) {
  const control = useControl(name, { ...select, defaultValue, error, hint });
  return (
    <LabelledControl id={control.attributes.id} label={label} error={control.error} hint={hint}>
      <select {...control.attributes} {...select}>
        {children}
      </select>
    </LabelledControl>
  );
}

type CheckboxProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & Omit<Labelled, "hint">;

export function CheckboxField({ label, name, error, className = "", defaultChecked, ...input }: CheckboxProps) {
  const id = input.id ?? name;
  const submitted = useSubmittedField(name, { defaultChecked, error });
  return (
    <div className={className}>
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input
          id={id}
          type="checkbox"
          name={name}
          aria-invalid={submitted.error ? true : undefined}
          aria-describedby={submitted.error ? `${id}-error` : undefined}
          defaultChecked={input.checked === undefined ? submitted.defaultChecked : undefined}
          {...input}
        />
        {label}
      </label>
      <FieldNote id={id} error={submitted.error} />
    </div>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  variant,
  size,
  ...rest
}: React.ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} variant={variant} size={size} {...rest}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </Button>
  );
}

export function FormMessage({ state }: { state: ActionState }) {
  if (state.error) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
        {state.error}
      </p>
    );
  }
  if (state.ok && state.message) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {state.message}
      </p>
    );
  }
  return null;
}
