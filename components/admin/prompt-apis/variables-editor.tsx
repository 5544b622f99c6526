"use client";
// The variables of a prompt: one row each (name, type, description, required, limits, enum values).
import type { VariableRow } from "@/lib/prompt-apis/prompt-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Select, TextInput } from "@/components/admin/prompt-apis/prompt-fields";

const TYPES = ["string", "number", "boolean", "enum", "string_array"].map((type) => ({ value: type, label: type }));

export const EMPTY_VARIABLE: VariableRow = {
  name: "",
  type: "string",
  description: "",
  required: true,
  maxLength: "",
  maxItems: "",
  values: "",
};

type Props = { rows: VariableRow[]; onChange: (rows: VariableRow[]) => void; error: (field: string) => string | undefined };

export function VariablesEditor({ rows, onChange, error }: Props) {
  const set = (index: number, patch: Partial<VariableRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Variables</legend>
      {rows.length === 0 ? <p className="text-sm text-slate-500">No variables: the template is sent as it is.</p> : null}
      {rows.map((row, index) => {
        const at = (field: string) => error(`prompt.variables.${index}.${field}`);
        return (
          <div key={index} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-6" data-testid={`variable-${index}`}>
            <TextInput
              className="sm:col-span-2"
              label={`Variable ${index + 1} name`}
              value={row.name}
              onChange={(name) => set(index, { name })}
              error={at("name")}
            />
            <Select
              className="sm:col-span-2"
              label="Type"
              value={row.type}
              onChange={(type) => set(index, { type })}
              options={TYPES}
              error={at("type")}
            />
            <div className="flex items-end pb-2 sm:col-span-2">
              <Checkbox label="Required" checked={row.required} onChange={(required) => set(index, { required })} />
            </div>
            <TextInput
              className="sm:col-span-6"
              label="Description"
              value={row.description}
              onChange={(description) => set(index, { description })}
              error={at("description")}
            />
            {row.type === "string" || row.type === "string_array" ? (
              <TextInput
                className="sm:col-span-2"
                label="Max length"
                inputMode="numeric"
                value={row.maxLength}
                onChange={(maxLength) => set(index, { maxLength })}
                error={at("maxLength")}
              />
            ) : null}
            {row.type === "string_array" ? (
              <TextInput
                className="sm:col-span-2"
                label="Max items"
                inputMode="numeric"
                value={row.maxItems}
                onChange={(maxItems) => set(index, { maxItems })}
                error={at("maxItems")}
              />
            ) : null}
            {row.type === "enum" ? (
              <TextInput
                className="sm:col-span-4"
                label="Values (comma-separated)"
                value={row.values}
                onChange={(values) => set(index, { values })}
                error={at("values")}
              />
            ) : null}
            <div className="flex items-end sm:col-span-6">
              <Button type="button" variant="ghost" size="sm" onClick={() => onChange(rows.filter((_, at) => at !== index))}>
                Remove variable {index + 1}
              </Button>
            </div>
          </div>
        );
      })}
      <Button type="button" variant="secondary" size="sm" onClick={() => onChange([...rows, EMPTY_VARIABLE])}>
        Add variable
      </Button>
    </fieldset>
  );
}
