// Finds teams for the credit form: a plain GET form, so the search is a URL (?q=) and needs no script.
import { Field } from "@/components/ui/form";
import { Button } from "@/components/ui/button";

export function TeamSearchForm({ query }: { query: string }) {
  return (
    <form method="get" role="search" className="flex items-end gap-2">
      <Field label="Find a team" name="q" type="search" defaultValue={query} placeholder="Name or slug" className="flex-1" />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
