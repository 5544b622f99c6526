import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { currency } from "@/lib/money";
import { listModelOptions } from "@/lib/ai/registry/model-options";
import { NEW_PROMPT_FORM } from "@/lib/prompt-apis/prompt-form";
import { PageHeader } from "@/components/ui/card";
import { AdminBackLink } from "@/components/admin/admin-back-link";
import { PromptApiForm } from "@/components/admin/prompt-apis/prompt-api-form";
import { savePromptApiAction, testPromptDraftAction } from "../../prompt-actions";

export const metadata: Metadata = { title: "New Prompt API · Admin" };

export default async function NewPromptApiPage() {
  await requirePlatformAdmin();
  const models = (await listModelOptions()).filter((model) => model.kind === "CHAT");
  return (
    <>
      <AdminBackLink href="/admin/apis" label="APIs" />
      <PageHeader
        title="New Prompt API"
        description="A prompt and a model published as a REST API: callers send the variables and get the model's output. Saved as a draft; its OpenAPI document is generated."
      />
      <PromptApiForm
        initial={{ ...NEW_PROMPT_FORM, model: models[0]?.publicId ?? "" }}
        models={models}
        currency={currency()}
        save={savePromptApiAction}
        test={testPromptDraftAction}
        teams={[]}
      />
    </>
  );
}
