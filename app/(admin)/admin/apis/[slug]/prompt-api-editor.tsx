// The edit page's main column for a Prompt API: its form (prompt, plans, test panel) and, beside
// the lifecycle, its versions with the calls each served, and what a call costs under each plan.
import { currency } from "@/lib/money";
import { listModelOptions } from "@/lib/ai/registry/model-options";
import { listTryItKeys } from "@/lib/try-it/list-try-it-keys";
import { listPromptVersions } from "@/lib/prompt-apis/list-versions";
import { describeCallPrice } from "@/lib/prompt-apis/pricing";
import { promptFormPlan, promptFormPrompt } from "@/lib/prompt-apis/prompt-form";
import type { AdminApi } from "@/lib/catalog/get-api";
import { db } from "@/lib/db";
import { Card } from "@/components/ui/card";
import { PromptApiForm } from "@/components/admin/prompt-apis/prompt-api-form";
import { VersionsPanel } from "@/components/admin/prompt-apis/versions-panel";
import { rollbackPromptApiAction, savePromptApiAction, testPromptDraftAction } from "../prompt-actions";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export async function PromptApiEditor({ api, adminId }: { api: AdminApi; adminId: string }) {
  const [{ versions }, models, teams] = await Promise.all([listPromptVersions(api.slug), listModelOptions(), listTryItKeys(adminId)]);
  const live = versions.find((version) => version.live) ?? versions[0]!;
  const initial = {
    slug: api.slug,
    name: api.name,
    summary: api.summary,
    description: api.description,
    tags: api.tags.join(", "),
    visibility: api.visibility,
    ...promptFormPrompt(live.definition),
    plans: api.plans.filter((plan) => plan.archivedAt === null).map(promptFormPlan),
  };
  return (
    <PromptApiForm
      initial={initial}
      slug={api.slug}
      models={models.filter((model) => model.kind === "CHAT")}
      currency={currency()}
      save={savePromptApiAction}
      test={testPromptDraftAction}
      teams={teams}
    />
  );
}

export async function PromptApiSide({ api }: { api: AdminApi }) {
  const { versions } = await listPromptVersions(api.slug);
  const live = versions.find((version) => version.live) ?? versions[0]!;
  const model = await db.aiModel.findUnique({
    where: { publicId: live.definition.model },
    select: { inputPrice: true, cachedInputPrice: true, outputPrice: true },
  });
  return (
    <>
      <Card title="What a call costs">
        <ul className="space-y-1 text-sm text-slate-700">
          {api.plans
            .filter((plan) => plan.archivedAt === null)
            .map((plan) => (
              <li key={plan.id}>
                <strong>{plan.name}</strong>:{" "}
                {model ? describeCallPrice(plan.promptPricing, model, plan.pricePerCall, currency()) : "its model is missing"}
              </li>
            ))}
        </ul>
      </Card>
      <Card title="Versions" description="Each saved change of the prompt is a version; calls record the one that served them.">
        <VersionsPanel
          slug={api.slug}
          rollback={rollbackPromptApiAction}
          versions={versions.map((version) => ({
            version: version.version,
            live: version.live,
            savedAt: `${dateFormat.format(version.createdAt)} UTC`,
            savedBy: version.createdBy,
            calls: version.calls,
            model: version.definition.model,
          }))}
        />
      </Card>
    </>
  );
}
