"use server";
// Prompt APIs in the admin console: save (create as a draft, or change: a changed prompt is a new
// version), test a draft in the panel, and roll back. Each action checks the platform admin itself
// and goes through the same domain functions as the management API.
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";
import { createApiSchema, updateApiSchema } from "@/lib/catalog/api-schemas";
import { createApi } from "@/lib/catalog/create-api";
import { updateApi } from "@/lib/catalog/update-api";
import { promptFormInput, promptFormSchema } from "@/lib/prompt-apis/prompt-form";
import { rollbackPromptApi } from "@/lib/prompt-apis/rollback-version";
import { testPromptDraft, type DraftTestResult } from "@/lib/prompt-apis/call/test-draft";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("action");

export type PromptActionState = { ok: boolean; message?: string; error?: string; fieldErrors?: Record<string, string>; slug?: string };

async function answer(work: () => Promise<PromptActionState>): Promise<PromptActionState> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    const reference = crypto.randomUUID().slice(0, 8);
    log.error({ err: error, reference }, "Prompt API action failed");
    return { ok: false, error: `Something went wrong on our side. Reference: ${reference}.` };
  }
}

function refresh(slug: string) {
  revalidatePath("/admin/apis");
  revalidatePath(`/admin/apis/${slug}`);
  revalidatePath(`/catalog/${slug}`);
}

const refused = (errors: Record<string, string>): PromptActionState => ({
  ok: false,
  error: "Check the highlighted fields.",
  fieldErrors: errors,
});

/** `editing`: the slug of the API being changed; absent, the form creates a draft. */
export async function savePromptApiAction(form: unknown, editing?: string): Promise<PromptActionState> {
  return answer(async () => {
    const admin = await requirePlatformAdmin();
    const parsedForm = promptFormSchema.safeParse(form);
    if (!parsedForm.success) return refused(fieldErrors(parsedForm.error));
    const read = promptFormInput(parsedForm.data);
    if (!read.ok) return refused(read.errors);
    const actor = { type: "USER" as const, userId: admin.id };
    if (editing) {
      const parsed = updateApiSchema.safeParse(read.input);
      if (!parsed.success) return refused(fieldErrors(parsed.error));
      const api = await updateApi(editing, parsed.data, actor);
      refresh(api.slug);
      return { ok: true, slug: api.slug, message: `Saved. The gateway serves version ${api.promptVersion} from the next call.` };
    }
    const parsed = createApiSchema.safeParse({ ...read.input, slug: parsedForm.data.slug, kind: "PROMPT", status: "DRAFT" });
    if (!parsed.success) return refused(fieldErrors(parsed.error));
    const api = await createApi(parsed.data, actor);
    refresh(api.slug);
    return { ok: true, slug: api.slug, message: "Created as a draft (version 1)." };
  });
}

export async function testPromptDraftAction(input: unknown): Promise<DraftTestResult | PromptActionState> {
  return answer(async () => {
    const admin = await requirePlatformAdmin();
    const form = (input ?? {}) as { form?: unknown; api?: unknown; team?: unknown; keyId?: unknown; variables?: unknown };
    const parsedForm = promptFormSchema.safeParse(form.form);
    if (!parsedForm.success) return refused(fieldErrors(parsedForm.error));
    const read = promptFormInput(parsedForm.data);
    if (!read.ok) return refused(read.errors);
    const result = await testPromptDraft(admin.id, {
      api: form.api,
      team: form.team,
      keyId: form.keyId,
      prompt: read.input.prompt,
      variables: form.variables,
    });
    return { ...result, ok: true } as PromptActionState & DraftTestResult;
  });
}

export async function rollbackPromptApiAction(slug: string, version: number): Promise<PromptActionState> {
  return answer(async () => {
    const admin = await requirePlatformAdmin();
    const { to } = await rollbackPromptApi(slug, version, { type: "USER", userId: admin.id });
    refresh(slug);
    return { ok: true, message: `Version ${to} is live from the next call.` };
  });
}
