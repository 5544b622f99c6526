// A GET form for the admin lists: a search box and one select (sort or status). Plain HTML, so each
// search is a URL (?q=&sort=) and needs no client code; the page number resets on each search.
import { Field, SelectField } from "@/components/ui/form";
import { Button } from "@/components/ui/button";

type Props = {
  searchLabel: string;
  placeholder: string;
  query: string;
  select: { label: string; name: string; value: string; options: Record<string, string> };
};

export function ListFilterForm({ searchLabel, placeholder, query, select }: Props) {
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <Field
        label={searchLabel}
        name="q"
        type="search"
        defaultValue={query}
        placeholder={placeholder}
        className="min-w-56 flex-1"
        maxLength={254}
      />
      <SelectField label={select.label} name={select.name} defaultValue={select.value}>
        {Object.entries(select.options).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
