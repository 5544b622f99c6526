// The registry's models: kind, limits, prices per 1M tokens, deployments and the APIs publishing each.
import Link from "next/link";
import type { ModelView } from "@/lib/ai/registry/get-model";
import { microsToDecimal } from "@/lib/money";
import { Badge } from "@/components/ui/card";
import { AdminTable } from "@/components/admin/admin-table";

const cell = "px-3 py-2";
const tokens = new Intl.NumberFormat("en");

export function ModelTable({ models, currency }: { models: ModelView[]; currency: string }) {
  const columns = [
    { label: "Model" },
    { label: "Kind" },
    { label: "Context / max output", right: true },
    { label: `Per 1M tokens (${currency}): in / cached / out`, right: true },
    { label: "Deployments" },
    { label: "Published by" },
  ];
  return (
    <AdminTable columns={columns} cell={cell} testId="admin-ai-models">
      {models.map((model) => (
        <tr key={model.id} data-testid="admin-ai-model-row">
          <td className={cell}>
            <Link href={`/admin/ai/models/${encodeURIComponent(model.publicId)}`} className="font-medium text-brand-700 hover:underline">
              {model.publicId}
            </Link>{" "}
            <span className="text-slate-500">{model.displayName}</span>
          </td>
          <td className={cell}>{model.kind === "CHAT" ? <Badge tone="blue">chat</Badge> : <Badge>embeddings</Badge>}</td>
          <td className={`${cell} text-right tabular-nums`}>
            {tokens.format(model.contextWindow)} / {model.kind === "CHAT" ? tokens.format(model.maxOutputTokens) : "–"}
          </td>
          <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>
            {[model.inputPrice, model.cachedInputPrice, model.outputPrice].map((price) => microsToDecimal(price)).join(" / ")}
          </td>
          <td className={`${cell} text-slate-600`}>
            {model.deployments.length ? (
              model.deployments.map((deployment) => `${deployment.provider.slug}: ${deployment.providerModel}`).join(", ")
            ) : (
              <Badge tone="amber">none</Badge>
            )}
          </td>
          <td className={`${cell} text-slate-600`}>{model.apis.length ? model.apis.map((api) => api.slug).join(", ") : "no API"}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
