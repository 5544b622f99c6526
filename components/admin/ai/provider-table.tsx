// The registry's providers: kind, base URL, whether a key is stored, and the models deployed on each.
import Link from "next/link";
import type { ProviderView } from "@/lib/ai/registry/get-provider";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";

const cell = "px-3 py-2";
const COLUMNS = [{ label: "Provider" }, { label: "Kind" }, { label: "Base URL" }, { label: "API key" }, { label: "Models" }];

export const KIND_LABELS = { OPENAI: "OpenAI-compatible", ANTHROPIC: "Anthropic" } as const;

export function ProviderTable({ providers }: { providers: ProviderView[] }) {
  return (
    <AdminTable columns={COLUMNS} cell={cell} testId="admin-ai-providers">
      {providers.map((provider) => (
        <tr key={provider.id} data-testid="admin-ai-provider-row">
          <td className={cell}>
            <Link href={`/admin/ai/providers/${provider.id}`} className="font-medium text-brand-700 hover:underline">
              {provider.name}
            </Link>{" "}
            <span className="text-slate-500">{provider.slug}</span>
          </td>
          <td className={cell}>{KIND_LABELS[provider.kind]}</td>
          <td className={`${cell} max-w-xs truncate font-mono text-xs`} title={provider.baseUrl}>
            {provider.baseUrl}
          </td>
          <td className={cell}>{provider.hasApiKey ? <Badge tone="green">set</Badge> : <Badge>not set</Badge>}</td>
          <td className={`${cell} text-slate-600`}>{provider.models.length ? provider.models.join(", ") : "none"}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
