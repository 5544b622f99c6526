// The model form and the deployment form (components/admin/ai) -> the input of createModel /
// updateModel / addDeployment, every problem at once, by field. Empty number and price fields
// mean "the default" on create and "no change" on update.
import { z } from "zod";
import { formValues, type ActionState } from "@/lib/auth/action";
import { fieldErrors } from "@/lib/validation";
import {
  createModelSchema,
  deploymentInputSchema,
  updateModelSchema,
  type CreateModel,
  type UpdateModel,
} from "@/lib/ai/registry/model-schemas";

export type ModelFormState = ActionState & { nonce?: number };

type Mode = "create" | "update";
type Read<M extends Mode> = { ok: true; input: M extends "create" ? CreateModel : UpdateModel } | { ok: false; state: ModelFormState };

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};
const optional = (value: string) => value || undefined;

/** "5000" -> 5000; "" -> undefined; anything else stays for zod to refuse. */
function whole(value: string): number | string | undefined {
  if (!value) return undefined;
  return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}

/** The first deployment, on create: both fields or neither. */
function firstDeployment(formData: FormData, errors: Record<string, string>) {
  const provider = text(formData, "deployments.0.provider");
  const providerModel = text(formData, "deployments.0.providerModel");
  if (!provider && !providerModel) return [];
  if (!provider) errors["deployments.0.provider"] = "Choose the provider, or leave the provider model empty.";
  if (!providerModel) errors["deployments.0.providerModel"] = "Give the provider's model name, or choose no provider.";
  return [{ provider, providerModel }];
}

export async function readModelForm<M extends Mode>(formData: FormData, mode: M): Promise<Read<M>> {
  const errors: Record<string, string> = {};
  const raw = {
    ...(mode === "create" ? { publicId: text(formData, "publicId"), deployments: firstDeployment(formData, errors) } : {}),
    displayName: text(formData, "displayName"),
    kind: text(formData, "kind"),
    contextWindow: whole(text(formData, "contextWindow")),
    maxOutputTokens: whole(text(formData, "maxOutputTokens")),
    supportsTools: text(formData, "supportsTools") === "on",
    supportsVision: text(formData, "supportsVision") === "on",
    supportsJsonOutput: text(formData, "supportsJsonOutput") === "on",
    inputPrice: optional(text(formData, "inputPrice")),
    cachedInputPrice: optional(text(formData, "cachedInputPrice")),
    outputPrice: optional(text(formData, "outputPrice")),
  };
  const parsed = (mode === "create" ? createModelSchema : updateModelSchema).safeParse(raw);
  if (!parsed.success) Object.assign(errors, { ...fieldErrors(parsed.error), ...errors });
  if (!parsed.success || Object.keys(errors).length > 0) {
    const state: ModelFormState = {
      ok: false,
      error: "Nothing was saved. Check the highlighted fields.",
      fieldErrors: errors,
      values: formValues(formData),
      nonce: Date.now(),
    };
    return { ok: false, state };
  }
  return { ok: true, input: parsed.data as M extends "create" ? CreateModel : UpdateModel };
}

const formNumber = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : whole(String(value ?? "").trim()));

/** The deployment form: the model it belongs to, the provider, its model name, weight and priority. */
export const deploymentFormSchema = z.object({
  model: z.string().min(1),
  provider: deploymentInputSchema.shape.provider,
  providerModel: deploymentInputSchema.shape.providerModel,
  weight: z.preprocess(formNumber, deploymentInputSchema.shape.weight),
  priority: z.preprocess(formNumber, deploymentInputSchema.shape.priority),
  enabled: z.preprocess(() => true, deploymentInputSchema.shape.enabled), // a new deployment is on
});

/** One deployment's edit form: weight and priority (required), and its "Enabled" checkbox (absent = off). */
export const deploymentUpdateFormSchema = z.object({
  model: z.string().min(1),
  deploymentId: z.string().min(1),
  weight: z.preprocess((value) => formNumber(value) ?? "", deploymentInputSchema.shape.weight.unwrap()),
  priority: z.preprocess((value) => formNumber(value) ?? "", deploymentInputSchema.shape.priority.unwrap()),
  enabled: z.preprocess((value) => value === "on", z.boolean()),
});
