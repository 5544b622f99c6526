// The audit log's filters as a plain GET form: every filter is a search param, so a filtered view
// is a link an admin can share. Errors come from lib/admin/audit-filters.ts.
import Link from "next/link";
import type { AuditFilterInput } from "@/lib/admin/audit-filters";
import { Field } from "@/components/ui/form";
import { Button } from "@/components/ui/button";

export function AuditFilterForm({ input, errors }: { input: AuditFilterInput; errors: Record<string, string> }) {
  const field = (
    name: keyof AuditFilterInput,
    label: string,
    extra: React.InputHTMLAttributes<HTMLInputElement> & { hint?: string } = {},
  ) => <Field key={name} label={label} name={name} defaultValue={input[name]} error={errors[name]} {...extra} />;
  return (
    <form method="get" role="search" aria-label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" noValidate>
      {field("action", "Action", { placeholder: "api. or user.disabled", hint: "A prefix such as api. or an exact action." })}
      {field("actor", "Actor email", { type: "email", placeholder: "admin@example.com" })}
      {field("team", "Team slug", { placeholder: "acme" })}
      {field("targetType", "Target type", { placeholder: "user, team, api_key…" })}
      {field("targetId", "Target id")}
      {field("from", "From (UTC)", { type: "date" })}
      {field("to", "To (UTC, inclusive)", { type: "date" })}
      <div className="flex items-end gap-2">
        <Button type="submit">Filter</Button>
        <Link href="/admin/audit" className="px-2 py-2 text-sm text-brand-700 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
