// An API's description (Markdown) on its page.
import { Markdown } from "@/components/markdown/markdown";
import { Card } from "@/components/ui/card";

export function ApiAboutCard({ description }: { description: string }) {
  return (
    <Card title="About this API" className="min-w-0">
      {description ? <Markdown>{description}</Markdown> : <p className="text-sm text-slate-500">No description yet.</p>}
    </Card>
  );
}
